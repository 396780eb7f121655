//! gjs: a statically typed, JavaScript-flavoured scripting language for games.
//!
//! The pipeline runs one way: source text → [`lexer`] tokens → [`parser`] syntax tree
//! ([`ast`]) → [`check`]ed program → typed [`ir`] → [`backend`] (register allocation,
//! bytecode, VM). A [`Context`] owns everything one embedding needs: the compiled
//! modules, the backend with its VM memory, and the output sinks.

pub mod ast;
pub mod diag;
pub mod lexer;
pub mod parser;
pub mod source;
