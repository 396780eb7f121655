//! Shared by the robustness and fuzz-regression tests: a context with small limits
//! and silenced output, and running a whole source in it the way the fuzz targets do.

use gjs::{Config, Context, ModuleId, Status};

/// A context with a 64 KiB stack, a heap of 64 KiB growing to 1 MiB, `steps` steps per
/// call, and output thrown away.
pub fn quiet_context(steps: u64) -> Context {
    let mut ctx = Context::new(Config {
        stack_size: 64 * 1024,
        memory_size: 64 * 1024,
        max_memory_size: 1 << 20,
        steps,
        ..Config::default()
    });
    ctx.set_output(Box::new(|_: &[u8]| {}));
    ctx.set_error_output(Box::new(|_: &[u8]| {}));
    ctx
}

/// Compiles `src` into `ctx` as module "fuzz"; a failed compile must report something,
/// and every diagnostic must render.
pub fn compile(ctx: &mut Context, src: &[u8]) -> Result<ModuleId, Status> {
    ctx.add_code("fuzz", &String::from_utf8_lossy(src))
        .map_err(|e| {
            assert!(
                !e.diagnostics.is_empty(),
                "a failed compile reports something"
            );
            for d in &e.diagnostics {
                let _ = d.render();
            }
            Status::CompileError
        })
}

/// Compiles `src` into `ctx` and, if it compiles, runs its `__init__`; returns the
/// status it ended with (the error must render).
pub fn compile_and_run(ctx: &mut Context, src: &[u8]) -> Status {
    match compile(ctx, src) {
        Err(status) => status,
        Ok(m) => match ctx.init_module(m) {
            Ok(()) => Status::Ok,
            Err(e) => {
                let _ = e.to_string();
                e.status
            }
        },
    }
}
