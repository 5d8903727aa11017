//! The `almanac` binary: parse the command line and hand over to the library.
use clap::Parser;

fn main() -> std::process::ExitCode {
    almanac::cli::run(almanac::cli::Cli::parse())
}
