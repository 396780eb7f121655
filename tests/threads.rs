//! Threads: contexts on different threads run at once without interfering; one context
//! used from two threads is serialised (no lost updates, no undefined behaviour); an
//! interrupt from another thread stops a running script. Through the C ABI, as a host
//! would use it. `GJS_SOAK=N` runs the stress tests N times longer.

use gjs::ffi::*;
use std::ffi::{CString, c_void};
use std::ptr;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A context pointer that may cross threads (the context serialises its users).
#[derive(Clone, Copy)]
struct Shared(*mut gjs_context);
// SAFETY: gjs_context is documented as safe to share; every entry point takes its lock.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

#[derive(Clone, Copy)]
struct SharedModule(*mut gjs_module);
// SAFETY: a module handle is borrowed from its context, which serialises its users.
unsafe impl Send for SharedModule {}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

unsafe fn compile(ctx: *mut gjs_context, name: &str, src: &str) -> *mut gjs_module {
    let mut m = ptr::null_mut();
    // SAFETY: live context, NUL-terminated strings, writable out.
    let st = unsafe { gjs_context_add_code(ctx, c(name).as_ptr(), c(src).as_ptr(), &mut m) };
    assert_eq!(st, GJS_OK, "compile {name}");
    m
}

unsafe extern "C" fn capture(text: *const std::ffi::c_char, len: usize, user: *mut c_void) {
    // SAFETY: `user` is the Mutex<Vec<u8>> passed at registration; text has len bytes.
    unsafe {
        let out = &*(user as *const Mutex<Vec<u8>>);
        out.lock()
            .unwrap()
            .extend_from_slice(std::slice::from_raw_parts(text as *const u8, len));
    }
}

/// `GJS_SOAK=N` multiplies the work of the stress tests (1 by default, to keep
/// `cargo test` short).
fn soak() -> usize {
    std::env::var("GJS_SOAK")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

#[test]
fn contexts_on_eight_threads_run_at_once() {
    let handles: Vec<_> = (0..8)
        .map(|t| {
            thread::spawn(move || unsafe {
                let ctx = gjs_context_new(ptr::null_mut());
                assert!(!ctx.is_null());
                let out = Box::new(Mutex::new(Vec::new()));
                let out_ptr = &*out as *const Mutex<Vec<u8>> as *mut c_void;
                assert_eq!(gjs_context_set_output(ctx, Some(capture), out_ptr), GJS_OK);
                let src = format!(
                    "i32 seed = {t};
                     i32 fib(i32 n) {{ if (n < 2) return n; return fib(n - 1) + fib(n - 2); }}
                     string s = '';
                     for (i32 i = 0; i < 200; i++) {{ s += i % 10; }}
                     print('' + (fib(20) + seed) + ' ' + s.length);"
                );
                let m = compile(ctx, "t", &src);
                for _ in 0..20 * soak() {
                    let f = gjs_module_function(m, c("fib").as_ptr());
                    let mut n: i32 = 22;
                    let mut r: i32 = 0;
                    let mut args = [&mut n as *mut i32 as *mut c_void];
                    assert_eq!(
                        gjs_context_call(
                            ctx,
                            f,
                            &mut r as *mut i32 as *mut c_void,
                            args.as_mut_ptr()
                        ),
                        GJS_OK
                    );
                    assert_eq!(r, 17711);
                }
                assert_eq!(gjs_module_init(m), GJS_OK);
                gjs_context_free(ctx);
                let text = String::from_utf8(out.lock().unwrap().clone()).unwrap();
                assert_eq!(text, format!("{} 200\n", 6765 + t));
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a thread failed");
    }
}

#[test]
fn one_context_from_two_threads_is_serialised() {
    unsafe {
        let ctx = gjs_context_new(ptr::null_mut());
        let m = compile(
            ctx,
            "counter",
            "i64 count = 0; void bump(i32 n) { for (i32 i = 0; i < n; i++) { count += 1; } } i64 get() { return count; }",
        );
        assert_eq!(gjs_module_init(m), GJS_OK);
        let shared = Shared(ctx);
        let module = SharedModule(m);
        let workers: Vec<_> = (0..2)
            .map(|_| {
                thread::spawn(move || {
                    let s = shared;
                    let m = module;
                    for _ in 0..200 * soak() {
                        let f = gjs_module_function(m.0, c("bump").as_ptr());
                        let mut n: i32 = 1000;
                        let mut args = [&mut n as *mut i32 as *mut c_void];
                        assert_eq!(
                            gjs_context_call(s.0, f, ptr::null_mut(), args.as_mut_ptr()),
                            GJS_OK
                        );
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        let get = gjs_module_function(m, c("get").as_ptr());
        let mut total: i64 = 0;
        assert_eq!(
            gjs_context_call(
                ctx,
                get,
                &mut total as *mut i64 as *mut c_void,
                ptr::null_mut()
            ),
            GJS_OK
        );
        assert_eq!(
            total,
            2 * 200 * soak() as i64 * 1000,
            "no increment may be lost"
        );
        gjs_context_free(ctx);
    }
}

#[test]
fn an_interrupt_from_another_thread_stops_an_endless_loop() {
    unsafe {
        let ctx = gjs_context_new(ptr::null_mut());
        let m = compile(ctx, "spin", "i32 x = 0; while (true) { x++; }");
        let shared = Shared(ctx);
        let started = Instant::now();
        let stopper = thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            let s = shared;
            assert_eq!(gjs_context_interrupt(s.0), GJS_OK);
        });
        let status = gjs_module_init(m);
        stopper.join().unwrap();
        assert_eq!(status, GJS_INTERRUPTED);
        assert!(started.elapsed() < Duration::from_secs(5));
        // The context still works afterwards.
        let ok = compile(ctx, "after", "i32 y = 41 + 1;");
        assert_eq!(gjs_module_init(ok), GJS_OK);
        gjs_context_free(ctx);
    }
}

#[test]
fn rust_contexts_are_send() {
    fn assert_send<T: Send>() {}
    assert_send::<gjs::Context>();
    let results = Arc::new(Mutex::new(Vec::new()));
    let hs: Vec<_> = (0..4)
        .map(|i| {
            let results = results.clone();
            thread::spawn(move || {
                let mut ctx = gjs::Context::new(gjs::Config::default());
                let m = ctx
                    .add_code("m", "i32 sq(i32 v) { return v * v; }")
                    .unwrap();
                let f = ctx.function(m, "sq").unwrap();
                let r = ctx.call(f, &[gjs::Value::I32(i)]).unwrap();
                results.lock().unwrap().push(r);
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
    let mut got = results.lock().unwrap().clone();
    got.sort_by_key(|v| format!("{v:?}"));
    assert_eq!(got.len(), 4);
}
