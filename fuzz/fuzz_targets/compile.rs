#![no_main]

use libfuzzer_sys::fuzz_target;

// Arbitrary bytes as source text: compiling must end with a module or diagnostics,
// never a panic, an abort or a hang.
fuzz_target!(|data: &[u8]| {
    gjs_fuzz::compile(data);
});
