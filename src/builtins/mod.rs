//! The built-in library routines that run without script code behind them (spec 8.1
//! to 8.3): output, `assert`, `toFixed` and the `string` members.
//!
//! Each routine reads its arguments from, and writes its result to, a window of
//! registers (`args[0]` receives the result), the same convention as a script call.
//! String arguments are borrowed; a string result is a new reference. An array result
//! (`split`) is built in the empty array whose address is `args[0]`, as a script
//! function builds one in its hidden result parameter.
//!
//! Routines record the bytes they scan or write as work for the step budget
//! ([`Memory::add_work`]); a string result records its bytes when it is created, and
//! an array result one unit per element.

pub mod math;
pub mod vectors;

use crate::backend::Env;
use crate::check::hir::Builtin;
use crate::runtime::arrays::{self, ElemKind};
use crate::runtime::memory::Memory;
use crate::runtime::{Fault, fmt, strings};

/// Every built-in, indexed by the VM's `BuiltinIx`.
pub const ALL: &[Builtin] = &[
    Builtin::Print,
    Builtin::ConsoleLog,
    Builtin::ConsoleError,
    Builtin::Assert,
    Builtin::AssertMessage,
    Builtin::ToFixed,
    Builtin::StrLength,
    Builtin::StrIndex,
    Builtin::StrCharCodeAt,
    Builtin::StrCharAt,
    Builtin::StrSubstring,
    Builtin::StrSubstring1,
    Builtin::StrSlice,
    Builtin::StrSlice1,
    Builtin::StrIndexOf,
    Builtin::StrIndexOfFrom,
    Builtin::StrLastIndexOf,
    Builtin::StrIncludes,
    Builtin::StrStartsWith,
    Builtin::StrEndsWith,
    Builtin::StrToUpper,
    Builtin::StrToLower,
    Builtin::StrTrim,
    Builtin::StrTrimStart,
    Builtin::StrTrimEnd,
    Builtin::StrRepeat,
    Builtin::StrReplace,
    Builtin::StrReplaceAll,
    Builtin::StrSplit,
    Builtin::StrFromCharCode,
    Builtin::VectorIndexFault,
];

pub fn index_of(b: Builtin) -> u16 {
    ALL.iter()
        .position(|&x| x == b)
        .expect("every builtin is listed") as u16
}

fn line(env: &mut Env, text: &[u8], to_err: bool) {
    env.scratch.clear();
    env.scratch.extend_from_slice(text);
    env.scratch.push(b'\n');
    let sink = if to_err { &mut env.err } else { &mut env.out };
    sink(&env.scratch);
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

// Searches run in time linear in the haystack (no quadratic worst case), so that the
// bytes they record as work bound the time they take.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    memchr::memmem::find(&hay[from..], needle).map(|i| i + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
}

/// `s` with the first (or every) `from` replaced by `to`, or None if the result would be
/// longer than `max` bytes.
fn replace(s: &[u8], from: &[u8], to: &[u8], all: bool, max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len().min(max));
    let put = |out: &mut Vec<u8>, part: &[u8]| {
        (out.len() + part.len() <= max).then(|| out.extend_from_slice(part))
    };
    if from.is_empty() {
        // As in JavaScript: insert before the first byte, or between all bytes.
        if !all {
            put(&mut out, to)?;
            put(&mut out, s)?;
            return Some(out);
        }
        for b in s.chunks(1) {
            put(&mut out, to)?;
            put(&mut out, b)?;
        }
        put(&mut out, to)?;
        return Some(out);
    }
    let mut i = 0;
    while let Some(at) = find(s, from, i) {
        put(&mut out, &s[i..at])?;
        put(&mut out, to)?;
        i = at + from.len();
        if !all {
            break;
        }
    }
    put(&mut out, &s[i..])?;
    Some(out)
}

/// `s.split(sep)` into the empty `array<string>` at `dst` (spec 8.3): the parts between
/// the non-overlapping occurrences of `sep`, left to right, or one part per byte for an
/// empty `sep` (so none for an empty `s`, as in JavaScript). On a fault the parts made so
/// far are destroyed and `dst` is left empty: the caller owns it only once it is built.
///
/// Work: the bytes of `s` (scanned once), the bytes copied into parts, and one unit per
/// element.
fn split(mem: &mut Memory, dst: u32, s: u32, sep: u32) -> Result<(), Fault> {
    let built = split_into(mem, dst, s, sep);
    if built.is_err() {
        arrays::destroy(mem, dst, ElemKind::Str);
    }
    built
}

fn split_into(mem: &mut Memory, dst: u32, s: u32, sep: u32) -> Result<(), Fault> {
    let len = strings::len(mem, s);
    let sep_len = strings::len(mem, sep) as usize;
    mem.add_work(len as u64);
    // `push` takes the part over, releasing it if the array cannot grow.
    let push = |mem: &mut Memory, part: u32| {
        mem.add_work(1);
        arrays::push(mem, dst, part as u64, ElemKind::Str)
    };
    if sep_len == 0 {
        for i in 0..len {
            let part = strings::new_part(mem, s, i, i + 1)?;
            push(mem, part)?;
        }
        return Ok(());
    }
    let mut from = 0;
    // The strings are re-read after each allocation (growth moves the host buffer).
    while let Some(at) = find(strings::bytes(mem, s), strings::bytes(mem, sep), from) {
        let part = strings::new_part(mem, s, from as u32, at as u32)?;
        push(mem, part)?;
        from = at + sep_len;
    }
    let last = if from == 0 {
        // No separator: the one part is `s` itself, shared (copy-on-write).
        strings::retain(mem, s);
        s
    } else {
        strings::new_part(mem, s, from as u32, len)?
    };
    push(mem, last)
}

fn clamp_index(v: i32, len: usize) -> usize {
    (v.max(0) as usize).min(len)
}

fn slice_index(v: i32, len: usize) -> usize {
    if v < 0 {
        (len as i64 + v as i64).max(0) as usize
    } else {
        (v as usize).min(len)
    }
}

/// Runs built-in `b` on `args`; the result goes to `args[0]`.
pub fn call(b: Builtin, mem: &mut Memory, env: &mut Env, args: &mut [u64]) -> Result<(), Fault> {
    let s = |i: usize| args[i] as u32;
    let result_string = |mem: &mut Memory, bytes: &[u8]| -> Result<u64, Fault> {
        strings::new(mem, bytes).map(u64::from)
    };
    let r: u64 = match b {
        Builtin::Print | Builtin::ConsoleLog | Builtin::ConsoleError => {
            let text = strings::bytes(mem, s(0));
            mem.add_work(text.len() as u64);
            line(env, text, b == Builtin::ConsoleError);
            0
        }
        Builtin::VectorIndexFault => {
            return Err(Fault::runtime(format!(
                "vector index {} is out of range (length {})",
                args[0] as u32 as i32, args[1] as u32
            )));
        }
        Builtin::Assert => {
            if args[0] as u32 == 0 {
                return Err(Fault::runtime("assertion failed"));
            }
            0
        }
        Builtin::AssertMessage => {
            if args[0] as u32 == 0 {
                let msg = String::from_utf8_lossy(strings::bytes(mem, s(1)));
                return Err(Fault::runtime(format!("assertion failed: {msg}")));
            }
            0
        }
        Builtin::ToFixed => {
            let digits = args[1] as u32;
            if digits > 100 {
                return Err(Fault::runtime("toFixed() digits out of range"));
            }
            let text = fmt::fixed(f64::from_bits(args[0]), digits as usize);
            result_string(mem, text.as_bytes())?
        }
        Builtin::StrLength => strings::len(mem, s(0)) as u64,
        Builtin::StrIndex | Builtin::StrCharCodeAt => {
            let len = strings::len(mem, s(0)) as i64;
            let i = if b == Builtin::StrIndex {
                args[1] as i64
            } else {
                args[1] as u32 as i64
            };
            if i < 0 || i >= len {
                return Err(Fault::runtime(format!(
                    "string index {i} is out of range (length {len})"
                )));
            }
            let byte = strings::bytes(mem, s(0))[i as usize];
            if b == Builtin::StrCharCodeAt {
                byte as u64
            } else {
                result_string(mem, &[byte])?
            }
        }
        Builtin::StrCharAt => {
            let i = args[1] as u32 as usize;
            let byte = strings::bytes(mem, s(0)).get(i).copied();
            match byte {
                Some(c) => result_string(mem, &[c])?,
                None => 0,
            }
        }
        Builtin::StrSubstring | Builtin::StrSubstring1 | Builtin::StrSlice | Builtin::StrSlice1 => {
            let text = strings::bytes(mem, s(0));
            let len = text.len();
            let (lo, hi) = match b {
                Builtin::StrSubstring | Builtin::StrSubstring1 => {
                    let a = clamp_index(args[1] as i32, len);
                    let e = if b == Builtin::StrSubstring {
                        clamp_index(args[2] as i32, len)
                    } else {
                        len
                    };
                    (a.min(e), a.max(e))
                }
                _ => {
                    let a = slice_index(args[1] as i32, len);
                    let e = if b == Builtin::StrSlice {
                        slice_index(args[2] as i32, len)
                    } else {
                        len
                    };
                    (a, e.max(a))
                }
            };
            let part = text[lo..hi].to_vec();
            result_string(mem, &part)?
        }
        Builtin::StrIndexOf | Builtin::StrIndexOfFrom | Builtin::StrIncludes => {
            let hay = strings::bytes(mem, s(0));
            let needle = strings::bytes(mem, s(1));
            let from = if b == Builtin::StrIndexOfFrom {
                clamp_index(args[2] as i32, hay.len())
            } else {
                0
            };
            let at = find(hay, needle, from);
            // Scanned: up to the end of the match, or to the end.
            mem.add_work(
                at.map_or(hay.len(), |i| i + needle.len())
                    .saturating_sub(from) as u64,
            );
            if b == Builtin::StrIncludes {
                at.is_some() as u64
            } else {
                at.map(|i| i as i64).unwrap_or(-1) as u64
            }
        }
        Builtin::StrLastIndexOf => {
            let hay = strings::bytes(mem, s(0));
            let needle = strings::bytes(mem, s(1));
            let at = rfind(hay, needle);
            // Scanned: from the end back to the match, or to the start.
            mem.add_work((hay.len() - at.unwrap_or(0)) as u64);
            at.map(|i| i as i64).unwrap_or(-1) as u64
        }
        Builtin::StrStartsWith | Builtin::StrEndsWith => {
            let hay = strings::bytes(mem, s(0));
            let needle = strings::bytes(mem, s(1));
            mem.add_work(needle.len().min(hay.len()) as u64);
            (if b == Builtin::StrStartsWith {
                hay.starts_with(needle)
            } else {
                hay.ends_with(needle)
            }) as u64
        }
        Builtin::StrToUpper
        | Builtin::StrToLower
        | Builtin::StrTrim
        | Builtin::StrTrimStart
        | Builtin::StrTrimEnd => {
            let text = strings::bytes(mem, s(0));
            mem.add_work(text.len() as u64);
            let out: Vec<u8> = match b {
                Builtin::StrToUpper => text.to_ascii_uppercase(),
                Builtin::StrToLower => text.to_ascii_lowercase(),
                _ => {
                    let mut lo = 0;
                    let mut hi = text.len();
                    if b != Builtin::StrTrimEnd {
                        while lo < hi && is_space(text[lo]) {
                            lo += 1;
                        }
                    }
                    if b != Builtin::StrTrimStart {
                        while hi > lo && is_space(text[hi - 1]) {
                            hi -= 1;
                        }
                    }
                    text[lo..hi].to_vec()
                }
            };
            result_string(mem, &out)?
        }
        Builtin::StrRepeat => {
            let text = strings::bytes(mem, s(0));
            let count = args[1] as u32 as usize;
            let total = text
                .len()
                .checked_mul(count)
                .filter(|&n| n <= u32::MAX as usize);
            // Memory could never hold more: refuse before building it on the host.
            let total = total.filter(|&n| n as u64 <= mem.limit());
            let Some(total) = total else {
                return Err(Fault::out_of_memory());
            };
            let mut out = Vec::new();
            out.try_reserve_exact(total)
                .map_err(|_| Fault::out_of_memory())?;
            if total > 0 {
                // Doubling: a few large copies rather than `count` small ones.
                out.extend_from_slice(text);
                while out.len() < total {
                    out.extend_from_within(..(total - out.len()).min(out.len()));
                }
            }
            result_string(mem, &out)?
        }
        Builtin::StrReplace | Builtin::StrReplaceAll => {
            let text = strings::bytes(mem, s(0));
            mem.add_work(text.len() as u64);
            let max = mem.limit().min(u32::MAX as u64) as usize;
            let out = replace(
                text,
                strings::bytes(mem, s(1)),
                strings::bytes(mem, s(2)),
                b == Builtin::StrReplaceAll,
                max,
            )
            .ok_or_else(Fault::out_of_memory)?;
            result_string(mem, &out)?
        }
        Builtin::StrSplit => {
            split(mem, s(0), s(1), s(2))?;
            args[0]
        }
        Builtin::StrFromCharCode => result_string(mem, &[args[0] as u8])?,
    };
    args[0] = r;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_like_javascript() {
        let r = |s: &[u8], from: &[u8], to: &[u8], all| replace(s, from, to, all, 100).unwrap();
        assert_eq!(r(b"aXbXc", b"X", b"-", false), b"a-bXc");
        assert_eq!(r(b"aXbXc", b"X", b"-", true), b"a-b-c");
        assert_eq!(r(b"ab", b"", b"x", true), b"xaxbx");
        assert_eq!(r(b"ab", b"", b"x", false), b"xab");
        assert_eq!(r(b"aaa", b"aa", b"b", true), b"ba");
        assert_eq!(replace(b"ab", b"", b"xyz", true, 10), None);
        assert_eq!(replace(b"ab", b"", b"xyz", true, 11).unwrap().len(), 11);
    }

    /// `s.split(sep)` on a new array, as a list of parts; the array and the parts are
    /// freed again.
    fn split_parts(mem: &mut Memory, s: &[u8], sep: &[u8]) -> Result<Vec<Vec<u8>>, Fault> {
        let dst = mem.alloc(arrays::HEADER).unwrap();
        let s = strings::new(mem, s).unwrap();
        let sep = strings::new(mem, sep).unwrap();
        let r = split(mem, dst, s, sep).map(|()| {
            (0..arrays::len(mem, dst).unwrap())
                .map(|i| {
                    let part = arrays::get(mem, dst, i as i64, ElemKind::Str).unwrap() as u32;
                    let bytes = strings::bytes(mem, part).to_vec();
                    strings::release(mem, part);
                    bytes
                })
                .collect()
        });
        if r.is_err() {
            assert_eq!(arrays::len(mem, dst).unwrap(), 0, "left empty");
        }
        arrays::destroy(mem, dst, ElemKind::Str);
        mem.free(dst);
        strings::release(mem, s);
        strings::release(mem, sep);
        r
    }

    #[test]
    fn split_like_javascript() {
        let mut m = Memory::new(crate::runtime::memory::MemoryConfig::default()).unwrap();
        let mut split = |s: &[u8], sep: &[u8]| -> Vec<String> {
            split_parts(&mut m, s, sep)
                .unwrap()
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect()
        };
        assert_eq!(split(b"a,b,c", b","), ["a", "b", "c"]);
        assert_eq!(split(b",a,,b,", b","), ["", "a", "", "b", ""]);
        assert_eq!(split(b"a::b", b"::"), ["a", "b"]);
        assert_eq!(split(b"aaa", b"aa"), ["", "a"]);
        assert_eq!(split(b"abc", b""), ["a", "b", "c"]);
        assert_eq!(split(b"abc", b"x"), ["abc"]);
        assert_eq!(split(b"ab", b"abc"), ["ab"]);
        assert_eq!(split(b"", b","), [""]);
        assert!(split(b"", b"").is_empty());
        assert_eq!(m.in_use(), 0);
    }

    #[test]
    fn split_records_its_work_and_fails_cleanly() {
        let mut m = Memory::new(crate::runtime::memory::MemoryConfig::default()).unwrap();
        let text = strings::new(&mut m, &b"ab".repeat(64)).unwrap();
        let sep = strings::new(&mut m, b"a").unwrap();
        let dst = m.alloc(arrays::HEADER).unwrap();
        m.clear_work();
        // Scans 128 bytes, copies 64 ('b' parts) and fills 65 elements: 257 units.
        split(&mut m, dst, text, sep).unwrap();
        assert_eq!(m.take_work_steps(), 4);
        let mut text = b"ab".repeat(64);
        let mut small = Memory::new(crate::runtime::memory::MemoryConfig {
            stack_size: 64,
            memory_size: 256,
            max_memory_size: 4096,
        })
        .unwrap();
        text.truncate(100);
        // 100 one-byte strings of 32-byte blocks do not fit in 4 KiB.
        let e = split_parts(&mut small, &text, b"").unwrap_err();
        assert_eq!(e, Fault::out_of_memory());
        assert_eq!(
            small.in_use(),
            0,
            "the parts made before the fault are freed"
        );
        assert_eq!(split_parts(&mut small, &text, b"b").unwrap().len(), 51);
    }

    #[test]
    fn search_and_indices() {
        assert_eq!(find(b"hello", b"l", 0), Some(2));
        assert_eq!(find(b"hello", b"l", 3), Some(3));
        assert_eq!(find(b"hello", b"", 5), Some(5));
        assert_eq!(rfind(b"hello", b"l"), Some(3));
        assert_eq!(slice_index(-2, 5), 3);
        assert_eq!(slice_index(-9, 5), 0);
        assert_eq!(clamp_index(9, 5), 5);
        assert_eq!(
            ALL.len(),
            ALL.iter().map(|&b| index_of(b)).max().unwrap() as usize + 1
        );
    }
}
