//! gjs: a statically typed, JavaScript-flavoured scripting language for games.
//!
//! The pipeline runs one way: source text → [`lexer`] tokens → [`parser`] syntax tree
//! ([`ast`]) → [`check`]ed program → typed [`ir`] → [`backend`] (register allocation,
//! bytecode, VM). A [`Context`] owns everything one embedding needs: the compiled
//! modules, the backend with its VM memory, and the output sinks.
//!
//! ```
//! let mut ctx = gjs::Context::new(gjs::Config::default());
//! let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
//! let sink = out.clone();
//! ctx.set_output(Box::new(move |b: &[u8]| sink.lock().unwrap().extend_from_slice(b)));
//! let m = ctx.add_code("demo", "print('' + (6 * 7));").unwrap();
//! ctx.init_module(m).unwrap();
//! assert_eq!(out.lock().unwrap().as_slice(), b"42\n");
//! ```

pub mod ast;
pub mod backend;
pub mod builtins;
pub mod check;
pub mod diag;
pub mod ffi;
pub mod ir;
pub mod lexer;
pub mod parser;
pub mod runtime;
pub mod source;

mod context;
pub mod value;

pub use backend::{Backend, TraceFrame};
pub use check::hir::FuncId;
pub use check::types::TypeId;
pub use context::{
    CompileError, Config, Context, HostError, HostFn, InterruptHandle, LoadError, ModuleId,
    RuntimeError, Status,
};
pub use value::Value;

/// The C header as generated from `src/ffi` by this build (the committed
/// `include/gjs.h` must equal it).
#[doc(hidden)]
pub const GENERATED_HEADER: &str = include_str!(concat!(env!("OUT_DIR"), "/gjs.h"));
