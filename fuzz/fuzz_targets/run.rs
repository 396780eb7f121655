#![no_main]

use libfuzzer_sys::fuzz_target;

// An input starting with `//` is source text; any other input drives the program
// generator (`gjs_fuzz::generate`). A program that compiles has its `__init__` run with
// a small step budget, stack and heap.
fuzz_target!(|data: &[u8]| {
    gjs_fuzz::run(data);
});
