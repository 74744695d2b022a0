pub fn run(_a: crate::cli::CoverageArgs) -> anyhow::Result<std::process::ExitCode> { todo!() }
