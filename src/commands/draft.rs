//! `nea-kg draft`: a first fact sheet for an article, from its text and the registry,
//! every item grounded in the article's words and marked `draft = true`. To stdout, or
//! atomically to `-o FILE`, which is never an existing file unless `--force` (a draft
//! must never destroy hand work).

use crate::cli::DraftArgs;
use crate::load;
use crate::output::file::Destination;
use anyhow::{bail, Result};
use nea_kg_core::draft;
use std::process::ExitCode;

pub fn run(args: DraftArgs) -> Result<ExitCode> {
    if let Some(out) = args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        if !args.force && std::fs::symlink_metadata(out).is_ok() {
            bail!(
                "{}: already exists, and a draft never replaces a sheet\n  give another file, or add --force to replace it",
                out.display()
            );
        }
    }
    if let Some(d) = &args.published {
        if nea_kg_core::check::date_literal(d).is_none() {
            bail!(
                "invalid --published {}: write a year (2024), a year and month (2024-05) or a day (2024-05-21)",
                nea_kg_core::error::quoted(d)
            );
        }
    }
    let destination = Destination::new(args.output.as_deref())?;
    // Checked above for a clear message before any work; checked again as the draft
    // takes the name, so a sheet saved meanwhile is never replaced either.
    let destination = if args.force {
        destination
    } else {
        destination.never_replacing()
    };
    let text = load::read_file(&args.article, "article")?;
    let merge = match &args.merge {
        Some(p) => Some(load::read_file(p, "fact sheet")?),
        None => None,
    };
    let builder = load::registries(
        &args.registries.entities,
        args.registries.no_default_entities,
    )?;
    // The id comes from the file's name; an article on stdin has none.
    let id = Some(args.article.as_path())
        .filter(|p| p.as_os_str() != "-")
        .and_then(|p| p.file_stem())
        .and_then(|s| s.to_str())
        .map(|s| draft::slug(s, 8));
    let sheet = draft::draft(&draft::Input {
        text: &text,
        id,
        registry: builder.registry(),
        merge: merge.as_ref(),
        published: args.published.clone(),
    })?;
    destination.write(|out| out.write_all(sheet.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
