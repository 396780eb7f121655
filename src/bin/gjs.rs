//! The `gjs` command-line tool.
fn main() {}
