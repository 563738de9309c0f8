//! The `petrel` command: a thin shell over the `petrel` library.

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "petrel",
    version,
    about = "Political event data from raw news text"
)]
struct Cli {}

fn main() {
    let _ = Cli::parse();
}
