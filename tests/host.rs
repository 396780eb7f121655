//! The Rust embedding API: calling script functions with typed values, binding host
//! functions (global and in host modules), errors from host functions, re-entrant calls,
//! and type checks before anything runs.

use gjs::{Config, Context, HostError, Status, Value};
use std::sync::{Arc, Mutex};

fn context() -> (Context, Arc<Mutex<Vec<u8>>>) {
    let mut ctx = Context::new(Config::default());
    let out = Arc::new(Mutex::new(Vec::new()));
    let sink = out.clone();
    ctx.set_output(Box::new(move |b: &[u8]| {
        sink.lock().unwrap().extend_from_slice(b)
    }));
    (ctx, out)
}

fn text(out: &Arc<Mutex<Vec<u8>>>) -> String {
    String::from_utf8(out.lock().unwrap().clone()).unwrap()
}

#[test]
fn calls_script_functions_with_every_primitive_and_strings() {
    let (mut ctx, _) = context();
    let m = ctx
        .add_code(
            "m",
            "f32 mul(f32 a, f32 b) { return a * b; }
             u64 big(u64 x) { return x * 2; }
             i8 neg(i8 x) { return -x; }
             bool not(bool b) { return !b; }
             string greet(string who, i32 n) { return 'hi ' + who + n; }
             f64 half(i64 v) { return v / 2.0; }",
        )
        .unwrap();
    let f = |name| ctx.function(m, name).unwrap();
    let (mul, big, neg, not, greet, half) = (
        f("mul"),
        f("big"),
        f("neg"),
        f("not"),
        f("greet"),
        f("half"),
    );
    assert_eq!(
        ctx.call(mul, &[61.0f32.into(), 69.0f32.into()]).unwrap(),
        Value::F32(4209.0)
    );
    assert_eq!(
        ctx.call(big, &[Value::U64(1 << 62)]).unwrap(),
        Value::U64(1 << 63)
    );
    assert_eq!(ctx.call(neg, &[Value::I8(-128)]).unwrap(), Value::I8(-128));
    assert_eq!(ctx.call(not, &[true.into()]).unwrap(), Value::Bool(false));
    assert_eq!(
        ctx.call(greet, &["bob".into(), 7.into()]).unwrap(),
        Value::from("hi bob7")
    );
    assert_eq!(ctx.call(half, &[Value::I64(5)]).unwrap(), Value::F64(2.5));
    // Strings passed in and out do not stay allocated.
    let before = ctx.memory_in_use();
    for _ in 0..100 {
        ctx.call(greet, &["x".into(), 1.into()]).unwrap();
    }
    assert_eq!(ctx.memory_in_use(), before);
}

#[test]
fn wrong_argument_types_are_refused_before_running() {
    let (mut ctx, out) = context();
    let m = ctx
        .add_code("m", "void p(i32 v) { print('ran'); }")
        .unwrap();
    let p = ctx.function(m, "p").unwrap();
    for args in [
        vec![],
        vec![Value::I64(1)],
        vec![Value::I32(1), Value::I32(2)],
    ] {
        let e = ctx.call(p, &args).unwrap_err();
        assert_eq!(e.status, Status::TypeMismatch, "{args:?}");
    }
    assert_eq!(text(&out), "");
    ctx.call(p, &[Value::I32(1)]).unwrap();
    assert_eq!(text(&out), "ran\n");
}

#[test]
fn calling_a_function_initialises_its_module_once() {
    let (mut ctx, out) = context();
    let m = ctx
        .add_code(
            "m",
            "i32 g = 40; print('init'); i32 get() { return g + 2; }",
        )
        .unwrap();
    let get = ctx.function(m, "get").unwrap();
    assert_eq!(ctx.call(get, &[]).unwrap(), Value::I32(42));
    assert_eq!(ctx.call(get, &[]).unwrap(), Value::I32(42));
    ctx.init_module(m).unwrap();
    let init = ctx.function(m, "__init__").unwrap();
    ctx.call(init, &[]).unwrap();
    assert_eq!(text(&out), "init\n");
}

#[test]
fn host_functions_global_and_in_modules() {
    let (mut ctx, out) = context();
    ctx.bind_function(
        None,
        "f32 lerp(f32 a, f32 b, f32 t)",
        Arc::new(|_, args| match args {
            [Value::F32(a), Value::F32(b), Value::F32(t)] => Ok(Value::F32(a + (b - a) * t)),
            _ => Err(HostError::new("bad arguments")),
        }),
    )
    .unwrap();
    ctx.bind_function(
        Some("engine"),
        "string shout(string s)",
        Arc::new(|_, args| match args {
            [Value::Str(s)] => Ok(Value::Str(s.to_ascii_uppercase())),
            _ => Err(HostError::new("bad arguments")),
        }),
    )
    .unwrap();
    let m = ctx
        .add_code(
            "game",
            "import { shout } from 'engine';
             print(lerp(0.0f, 10.0f, 0.25f).toFixed(2));
             print(shout('hey') + '!');",
        )
        .unwrap();
    ctx.init_module(m).unwrap();
    assert_eq!(text(&out), "2.50\nHEY!\n");
}

#[test]
fn host_errors_become_script_errors_with_a_location() {
    let (mut ctx, out) = context();
    ctx.bind_function(
        None,
        "void fail(string why)",
        Arc::new(|_, args| match args {
            [Value::Str(s)] => Err(HostError::new(String::from_utf8_lossy(s).into_owned())),
            _ => Ok(Value::Void),
        }),
    )
    .unwrap();
    let m = ctx
        .add_code(
            "m",
            "print('before');\nfail('engine said no');\nprint('after');",
        )
        .unwrap();
    let e = ctx.init_module(m).unwrap_err();
    assert_eq!(e.status, Status::RuntimeError);
    assert_eq!(e.message, "engine said no");
    assert_eq!(
        (e.backtrace[0].line, e.backtrace[0].function.as_str()),
        (2, "__init__")
    );
    assert_eq!(text(&out), "before\n");
}

#[test]
fn host_functions_may_call_back_into_the_context() {
    let (mut ctx, _) = context();
    let m = ctx
        .add_code(
            "m",
            "i32 depth = 0;
             i32 twice(i32 v) { depth += 1; return 2 * v; }
             i32 run(i32 v) { return viaHost(v) + 1; }",
        )
        .err();
    // `viaHost` is not bound yet: the module does not compile.
    assert!(m.is_some());
    let twice_holder: Arc<Mutex<Option<gjs::FuncId>>> = Arc::new(Mutex::new(None));
    let holder = twice_holder.clone();
    ctx.bind_function(
        None,
        "i32 viaHost(i32 v)",
        Arc::new(move |ctx, args| {
            let f = holder.lock().unwrap().expect("twice is known");
            // Re-enter the script from inside a host function.
            let r = ctx.call(f, args).map_err(|e| HostError::new(e.message))?;
            Ok(r)
        }),
    )
    .unwrap();
    let m = ctx
        .add_code(
            "m",
            "i32 twice(i32 v) { return 2 * v; }
             i32 run(i32 v) { return viaHost(v) + viaHost(v + 1); }",
        )
        .unwrap();
    *twice_holder.lock().unwrap() = ctx.function(m, "twice");
    let run = ctx.function(m, "run").unwrap();
    assert_eq!(ctx.call(run, &[Value::I32(10)]).unwrap(), Value::I32(42));
}

#[test]
fn bad_declarations_are_refused() {
    let (mut ctx, _) = context();
    let noop: gjs::HostFn = Arc::new(|_, _| Ok(Value::Void));
    for decl in [
        "",
        "f32",
        "f32 f(",
        "f32 f(array<i32> a)",
        "Foo f()",
        "void f(void v)",
    ] {
        assert!(
            ctx.bind_function(None, decl, noop.clone()).is_err(),
            "{decl:?}"
        );
    }
    ctx.bind_function(None, "void f(i32 a)", noop.clone())
        .unwrap();
    assert!(
        ctx.bind_function(None, "void f(i32 b)", noop.clone())
            .is_err()
    );
    ctx.bind_function(None, "void f(f64 a)", noop).unwrap();
}

#[test]
fn freeing_a_context_destroys_module_objects_and_reports_destructor_faults() {
    let (mut ctx, out) = context();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = errors.clone();
    ctx.set_error_output(Box::new(move |b: &[u8]| {
        sink.lock().unwrap().extend_from_slice(b)
    }));
    let lib = ctx
        .add_code(
            "lib",
            "class Res { constructor(i32 id) { this.id = id; } \
             destructor() { print('free ' + this.id); i32 z = 0; i32 bad = 1 / z; } i32 id; }; \
             Res first = Res(1);",
        )
        .unwrap();
    let main = ctx
        .add_code(
            "main",
            "import { Res } from 'lib'; class K { destructor() { print('free k'); } }; \
             K k; Res second = Res(2); print('ready');",
        )
        .unwrap();
    ctx.init_module(main).unwrap();
    let _ = lib;
    assert_eq!(text(&out), "ready\n");
    drop(ctx);
    // main's objects in reverse order, then lib's; each faulting destructor is reported
    // and the teardown goes on.
    assert_eq!(text(&out), "ready\nfree 2\nfree k\nfree 1\n");
    let errs = String::from_utf8_lossy(&errors.lock().unwrap()).to_string();
    assert_eq!(errs.matches("division by zero").count(), 2, "{errs}");
}

#[test]
fn a_destructor_that_never_ends_cannot_hang_freeing_the_context() {
    let (mut ctx, _out) = context();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = errors.clone();
    ctx.set_error_output(Box::new(move |b: &[u8]| {
        sink.lock().unwrap().extend_from_slice(b)
    }));
    let m = ctx
        .add_code(
            "spin",
            "class Spin { destructor() { while (true) { } } }; Spin s; Spin t;",
        )
        .unwrap();
    ctx.init_module(m).unwrap();
    let started = std::time::Instant::now();
    drop(ctx);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    let errs = String::from_utf8_lossy(&errors.lock().unwrap()).to_string();
    assert_eq!(
        errs.matches("error while destroying module objects")
            .count(),
        2,
        "{errs}"
    );
}

#[test]
fn functions_with_object_parameters_or_results_are_refused_before_running() {
    let (mut ctx, out) = context();
    let m = ctx
        .add_code(
            "objs",
            "class P { i32 x; }; i32 calls = 0; \
             P make() { calls++; print('ran'); return P(); } \
             i32 take(P p) { calls++; print('ran'); return p.x; } \
             i32 count() { return calls; }",
        )
        .unwrap();
    let make = ctx.function(m, "make").unwrap();
    let e = ctx.call(make, &[]).unwrap_err();
    assert_eq!(e.status, Status::TypeMismatch);
    assert!(e.message.contains("objects"), "{}", e.message);
    let count = ctx.function(m, "count").unwrap();
    assert_eq!(ctx.call(count, &[]).unwrap(), Value::I32(0));
    assert_eq!(text(&out), "");
}

#[test]
fn the_c_abi_refuses_bad_object_parameters_before_running() {
    use gjs::ffi::*;
    use std::ffi::{CString, c_void};
    unsafe {
        let ctx = gjs_context_new(std::ptr::null_mut());
        let name = CString::new("objs").unwrap();
        let src = CString::new(
            "class P { i32 x; }; i32 take(string s, P? p) { return p.x; } \
                          i32 take2(string s, P p) { return p.x; }",
        )
        .unwrap();
        let mut m = std::ptr::null_mut();
        assert_eq!(
            gjs_context_add_code(ctx, name.as_ptr(), src.as_ptr(), &mut m),
            GJS_OK
        );
        let fname = CString::new("take").unwrap();
        let f = gjs_module_function(m, fname.as_ptr());
        assert!(!f.is_null());
        let before = gjs_context_memory_in_use(ctx);
        let text = gjs_str {
            ptr: c"hello".as_ptr(),
            len: 5,
        };
        let mut p = [0u8; 16];
        let mut args = [
            &text as *const gjs_str as *mut c_void,
            p.as_mut_ptr() as *mut c_void,
        ];
        let mut r: i32 = 0;
        let status = gjs_context_call(ctx, f, &mut r as *mut i32 as *mut c_void, args.as_mut_ptr());
        assert_eq!(status, GJS_TYPE_MISMATCH);
        assert_eq!(
            gjs_context_memory_in_use(ctx),
            before,
            "no argument was converted"
        );
        // A class instance passes as an object handle; a NULL one is refused, and the
        // string converted before it is released again.
        let fname = CString::new("take2").unwrap();
        let f = gjs_module_function(m, fname.as_ptr());
        let status = gjs_context_call(ctx, f, &mut r as *mut i32 as *mut c_void, args.as_mut_ptr());
        assert_eq!(status, GJS_INVALID_ARGUMENT);
        assert_eq!(
            gjs_context_memory_in_use(ctx),
            before,
            "the string was released"
        );
        gjs_context_free(ctx);
    }
}

#[test]
fn formats_cross_the_c_abi_as_c_structs() {
    use gjs::ffi::*;
    use std::ffi::{CString, c_void};
    #[repr(C)]
    #[derive(Clone, Copy, Debug, PartialEq)]
    struct Vertex {
        x: f32,
        y: f32,
        tag: u8,
        w: f64,
    }
    unsafe {
        let ctx = gjs_context_new(std::ptr::null_mut());
        let name = CString::new("fmt").unwrap();
        let src = CString::new(
            "format Vertex { f32 x, f32 y, u8 tag, f64 w }; \
             Vertex scaled(Vertex v, f32 k) { \
                 return Vertex({ x: v.x * k, y: v.y * k, tag: v.tag + 1, w: v.w }); \
             } \
             f64 sum(Vertex v) { return v.x + v.y + v.tag + v.w; }",
        )
        .unwrap();
        let mut m = std::ptr::null_mut();
        assert_eq!(
            gjs_context_add_code(ctx, name.as_ptr(), src.as_ptr(), &mut m),
            GJS_OK
        );
        let before = gjs_context_memory_in_use(ctx);
        let v = Vertex {
            x: 1.5,
            y: -2.0,
            tag: 7,
            w: 0.25,
        };
        let mut k: f32 = 2.0;
        let scaled = gjs_module_function(m, CString::new("scaled").unwrap().as_ptr());
        let mut out = Vertex {
            x: 0.0,
            y: 0.0,
            tag: 0,
            w: 0.0,
        };
        let mut args = [
            &v as *const Vertex as *mut c_void,
            &mut k as *mut f32 as *mut c_void,
        ];
        let st = gjs_context_call(
            ctx,
            scaled,
            &mut out as *mut Vertex as *mut c_void,
            args.as_mut_ptr(),
        );
        assert_eq!(st, GJS_OK);
        assert_eq!(
            out,
            Vertex {
                x: 3.0,
                y: -4.0,
                tag: 8,
                w: 0.25
            }
        );
        let sum = gjs_module_function(m, CString::new("sum").unwrap().as_ptr());
        let mut total: f64 = 0.0;
        let mut args = [&v as *const Vertex as *mut c_void];
        let st = gjs_context_call(
            ctx,
            sum,
            &mut total as *mut f64 as *mut c_void,
            args.as_mut_ptr(),
        );
        assert_eq!(st, GJS_OK);
        assert_eq!(total, 1.5 - 2.0 + 7.0 + 0.25);
        assert_eq!(
            gjs_context_memory_in_use(ctx),
            before,
            "argument copies are freed"
        );
        gjs_context_free(ctx);
    }
}

#[test]
fn scripts_catch_host_errors_and_keep_their_code() {
    let (mut ctx, out) = context();
    ctx.bind_function(
        None,
        "i32 risky(i32 v)",
        Arc::new(|_, args| match args {
            [Value::I32(v)] if *v >= 0 => Ok(Value::I32(v * 2)),
            _ => Err(HostError {
                message: "negative input".into(),
                code: 42,
            }),
        }),
    )
    .unwrap();
    let m = ctx
        .add_code(
            "m",
            "i32 tryIt(i32 v) {\n\
             try { return risky(v); }\n\
             catch (Error e) { print(e.message + ' ' + e.code); return -1; }\n\
             }\n\
             print('' + tryIt(4));\n\
             print('' + tryIt(-4));\n",
        )
        .unwrap();
    ctx.init_module(m).unwrap();
    assert_eq!(text(&out), "8\nnegative input 42\n-1\n");
}
