//! Writing a file so that it is never half-written and nothing else is touched: the
//! output goes to a new temporary file beside the target (an unpredictable name, created
//! exclusively, so a symlink planted there is never followed), is synced, takes the old
//! file's permission bits, and is renamed over the target. Only a regular file (or a
//! new name) can be a target: a rename would replace a device, a pipe or a folder's
//! entry itself. `-` is standard output.

use anyhow::{bail, Context, Result};
use std::fs::{File, Permissions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Where output goes: `-o FILE`, or standard output (no `-o`, or `-o -`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
    /// A file that must not exist: the finished output takes the name only if it is
    /// still free, so a file that appeared while it was written is kept.
    NewFile(PathBuf),
}

impl Destination {
    /// The destination `-o` names, checked before any work is done: a file must be a
    /// regular file or a new name in a folder that exists.
    pub fn new(output: Option<&Path>) -> Result<Self> {
        match output {
            Some(p) if p.as_os_str() != "-" => {
                check_target(p)?;
                Ok(Self::File(p.to_path_buf()))
            }
            _ => Ok(Self::Stdout),
        }
    }

    /// The same destination, for output that must never replace a file (`draft -o`
    /// without `--force`).
    pub fn never_replacing(self) -> Self {
        match self {
            Self::File(p) => Self::NewFile(p),
            other => other,
        }
    }

    /// The file's path, if the output is a file.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::File(p) | Self::NewFile(p) => Some(p),
            Self::Stdout => None,
        }
    }

    /// Writes through `fill`: to stdout, or atomically to the file.
    pub fn write(&self, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        match self {
            Self::Stdout => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                fill(&mut lock).context("cannot write to stdout")?;
                lock.flush().context("cannot write to stdout")
            }
            Self::File(path) => write_atomically(path, true, |f| fill(f)),
            Self::NewFile(path) => write_atomically(path, false, |f| fill(f)),
        }
    }
}

/// The real file a path names: itself, or what a symlink points to (so the link stays).
fn resolve(path: &Path) -> Result<PathBuf> {
    let name = path.display();
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).with_context(|| {
            format!("{name}: is a symbolic link to nothing\n  remove the link, or give the path of the file to write")
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// The folder of a path (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Checks a target before anything is written: its folder exists, and it is a regular
/// file or does not exist yet. Returns the real path and the permissions to keep.
fn check_target(path: &Path) -> Result<(PathBuf, Option<Permissions>)> {
    let name = path.display();
    let real = resolve(path)?;
    let permissions = match std::fs::metadata(&real) {
        Ok(m) if m.is_file() => Some(m.permissions()),
        Ok(m) if m.is_dir() => {
            bail!("{name}: is a folder\n  give a file name, such as {name}/kg.ttl")
        }
        Ok(_) => bail!(
            "{name}: is not a regular file (a device, a pipe or a socket), and nea-kg writes files by renaming a finished file over them\n  to write to it, send standard output there: nea-kg … > {name}"
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => bail!("{name}: cannot write: {e}\n  check the folder's permissions"),
    };
    let folder = folder_of(&real);
    if !folder.is_dir() {
        bail!(
            "{name}: the folder {} does not exist\n  create it first, or write somewhere else",
            folder.display()
        );
    }
    Ok((real, permissions))
}

/// Writes `path` atomically, replacing a file there only if `replace`. On failure (or an
/// interrupt) the target is untouched and nothing is left behind.
fn write_atomically(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<()> {
    let name = path.display().to_string();
    let (real, permissions) = check_target(path)?;
    let folder = folder_of(&real);
    let fail = |e: std::io::Error| {
        anyhow::Error::new(e).context(format!(
            "{name}: cannot write\n  check the folder's permissions and free space"
        ))
    };
    // New files get the usual mode: 0666 less the umask, as `>` would give. A file that
    // replaces another is created with no more than the old file's permission bits: a
    // temporary file that others may read while it is written (0644 beside a file of
    // 0600) would give them an open descriptor to the whole content.
    let mode = permissions.as_ref().map_or(0o666, |p| p.mode() & 0o777);
    // The name is registered for removal on an interrupt before the file is created
    // (exclusively, never through a link planted there): registered after, a signal
    // between the two would leave the file behind. A name taken by someone else makes
    // tempfile try another, registered in its turn.
    let mut registered = None;
    let mut temp = tempfile::Builder::new()
        .prefix(".nea-kg-")
        .suffix(".tmp")
        .make_in(&folder, |candidate| {
            registered = Some(crate::cleanup::register(candidate));
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(candidate);
            if file.is_err() {
                registered = None;
            }
            file
        })
        .map_err(fail)?;
    fill(temp.as_file_mut()).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    if let Some(p) = permissions {
        temp.as_file()
            .set_permissions(Permissions::from_mode(p.mode() & 0o7777))
            .map_err(fail)?;
    }
    if replace {
        temp.persist(&real).map_err(|e| fail(e.error))?;
    } else {
        // Linked into place, never renamed over: the name must still be free.
        temp.persist_noclobber(&real).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::anyhow!(
                    "{name}: appeared while nea-kg was writing it, and was kept\n  give another file, or remove it first"
                )
            } else {
                fail(e.error)
            }
        })?;
    }
    drop(registered);
    // The rename itself is durable once the folder is synced.
    File::open(&folder)
        .and_then(|f| f.sync_all())
        .map_err(fail)?;
    Ok(())
}

/// A new, empty temporary folder beside `path` (for a store being built), with an
/// unpredictable name; the caller renames it into place or removes it.
pub fn temporary_folder_beside(path: &Path) -> Result<tempfile::TempDir> {
    let folder = folder_of(path);
    if !folder.is_dir() {
        bail!(
            "{}: the folder {} does not exist\n  create it first, or write somewhere else",
            path.display(),
            folder.display()
        );
    }
    tempfile::Builder::new()
        .prefix(".nea-kg-")
        .suffix(".building")
        .tempdir_in(&folder)
        .with_context(|| format!("{}: cannot create a folder beside it", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that appears at the name while the output is written is kept, and the
    /// output's temporary file is gone; with replacing allowed, it is replaced.
    #[test]
    fn a_new_file_never_replaces_one_that_appeared_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.toml");
        let destination = Destination::new(Some(&path)).unwrap().never_replacing();
        let err = destination
            .write(|out| {
                std::fs::write(&path, "hand work")?;
                out.write_all(b"draft")
            })
            .unwrap_err();
        assert!(
            err.to_string().ends_with("appeared while nea-kg was writing it, and was kept\n  give another file, or remove it first"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "hand work");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        Destination::new(Some(&path))
            .unwrap()
            .write(|out| out.write_all(b"draft"))
            .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "draft");
    }
}
