//! Strings in VM memory.
//!
//! A string value is a `u32` offset; `0` is the empty string. A non-empty string is a
//! heap block `[refcount: u32][len: u32][bytes…]`. Strings have value semantics
//! (spec 3.3), implemented as copy-on-write: a copy shares the block and bumps the
//! count; appending to a string whose block is shared copies it first, so no holder
//! ever sees another's change. Literals are *immortal* blocks (refcount
//! [`IMMORTAL`]) that retain and release leave alone.
//!
//! Every byte copied into a string or examined by a comparison is recorded as work for the
//! step budget ([`Memory::add_work`]).

use super::Fault;
use super::memory::Memory;

pub const IMMORTAL: u32 = u32::MAX;
const RC: u32 = 0;
const LEN: u32 = 4;
/// Offset of the first byte in a block.
pub const DATA: u32 = 8;

pub fn len(mem: &Memory, s: u32) -> u32 {
    bytes(mem, s).len() as u32
}

/// The bytes of string `s`; a reference whose length runs past VM memory (only possible
/// through a stale object reference, spec 5.7) reads as empty rather than panicking.
pub fn bytes(mem: &Memory, s: u32) -> &[u8] {
    if s == 0 {
        return &[];
    }
    let n = mem.read_u32(s.wrapping_add(LEN)) as usize;
    let at = s as usize + DATA as usize;
    mem.bytes().get(at..at + n).unwrap_or(&[])
}

pub fn retain(mem: &mut Memory, s: u32) {
    if s == 0 {
        return;
    }
    let rc = mem.read_u32(s + RC);
    if rc != IMMORTAL {
        mem.write_u32(s + RC, rc.wrapping_add(1));
    }
}

pub fn release(mem: &mut Memory, s: u32) {
    if s == 0 {
        return;
    }
    let rc = mem.read_u32(s + RC);
    if rc == IMMORTAL {
        return;
    }
    if rc <= 1 {
        mem.free(s);
    } else {
        mem.write_u32(s + RC, rc - 1);
    }
}

fn alloc_with_capacity(mem: &mut Memory, len: u32, capacity: u32, rc: u32) -> Result<u32, Fault> {
    let size = DATA
        .checked_add(capacity.max(len))
        .ok_or_else(Fault::out_of_memory)?;
    let s = mem.alloc(size)?;
    mem.write_u32(s + RC, rc);
    mem.write_u32(s + LEN, len);
    Ok(s)
}

/// A new string (refcount 1) holding `data`.
pub fn new(mem: &mut Memory, data: &[u8]) -> Result<u32, Fault> {
    if data.is_empty() {
        return Ok(0);
    }
    let n = u32::try_from(data.len()).map_err(|_| Fault::out_of_memory())?;
    let s = alloc_with_capacity(mem, n, n, 1)?;
    let at = (s + DATA) as usize;
    mem.bytes_mut()[at..at + data.len()].copy_from_slice(data);
    mem.add_work(n as u64);
    Ok(s)
}

/// A new string (refcount 1) holding bytes `lo..hi` of string `s`, copied within VM
/// memory (no host buffer); bounds beyond `s` are clamped.
pub fn new_part(mem: &mut Memory, s: u32, lo: u32, hi: u32) -> Result<u32, Fault> {
    let hi = hi.min(len(mem, s));
    let lo = lo.min(hi);
    if lo == hi {
        return Ok(0);
    }
    let n = hi - lo;
    let t = alloc_with_capacity(mem, n, n, 1)?;
    // `s` is alive (the caller holds it), so allocating did not reuse its block.
    let from = (s + DATA + lo) as usize;
    mem.bytes_mut()
        .copy_within(from..from + n as usize, (t + DATA) as usize);
    mem.add_work(n as u64);
    Ok(t)
}

/// An immortal string for a literal.
pub fn immortal(mem: &mut Memory, data: &[u8]) -> Result<u32, Fault> {
    let s = new(mem, data)?;
    if s != 0 {
        mem.write_u32(s + RC, IMMORTAL);
    }
    Ok(s)
}

/// Makes room to append `extra` bytes to the string `s` owned by the caller; returns
/// the (possibly new) string and the byte offset where the appended bytes go. `len`
/// is not updated yet. The old block stays valid until [`finish_append`]. The `extra`
/// bytes, and the old ones when they are copied, count as work.
fn reserve(mem: &mut Memory, s: u32, extra: u32) -> Result<(u32, u32, u32), Fault> {
    let old_len = len(mem, s);
    let new_len = old_len
        .checked_add(extra)
        .ok_or_else(Fault::out_of_memory)?;
    mem.add_work(extra as u64);
    if s != 0
        && mem.read_u32(s + RC) == 1
        && mem.block_capacity(s).saturating_sub(DATA) >= new_len
        && mem.contains(s, new_len.saturating_add(DATA))
    {
        return Ok((s, s + DATA + old_len, 0));
    }
    // Grow geometrically so repeated appends stay amortised O(1).
    let capacity = new_len.max(old_len.saturating_mul(2)).max(16);
    let t = alloc_with_capacity(mem, old_len, capacity, 1)?;
    if old_len > 0 {
        mem.add_work(old_len as u64);
        let from = s as usize + DATA as usize;
        mem.bytes_mut()
            .copy_within(from..from + old_len as usize, (t + DATA) as usize);
    }
    Ok((t, t + DATA + old_len, s))
}

fn finish_append(mem: &mut Memory, t: u32, new_len: u32, old: u32) {
    mem.write_u32(t + LEN, new_len);
    if old != 0 {
        release(mem, old);
    }
}

/// `s += data` for host bytes; returns the new value of `s`.
pub fn append_bytes(mem: &mut Memory, s: u32, data: &[u8]) -> Result<u32, Fault> {
    if data.is_empty() {
        return Ok(s);
    }
    let extra = u32::try_from(data.len()).map_err(|_| Fault::out_of_memory())?;
    let old_len = len(mem, s);
    let (t, at, old) = reserve(mem, s, extra)?;
    mem.bytes_mut()[at as usize..at as usize + data.len()].copy_from_slice(data);
    finish_append(mem, t, old_len + extra, old);
    Ok(t)
}

/// `s += v` for another string `v` in the same memory (which may be `s` itself).
pub fn append_string(mem: &mut Memory, s: u32, v: u32) -> Result<u32, Fault> {
    let extra = len(mem, v);
    if extra == 0 {
        return Ok(s);
    }
    if s == 0 {
        retain(mem, v);
        return Ok(v);
    }
    let old_len = len(mem, s);
    let (t, at, old) = reserve(mem, s, extra)?;
    // `v`'s block is still alive here even when it is the old block of `s`.
    let from = v as usize + DATA as usize;
    mem.bytes_mut()
        .copy_within(from..from + extra as usize, at as usize);
    finish_append(mem, t, old_len + extra, old);
    Ok(t)
}

/// Bytewise comparison: -1, 0 or 1 (spec 4.5).
pub fn compare(mem: &Memory, a: u32, b: u32) -> i32 {
    let (x, y) = (bytes(mem, a), bytes(mem, b));
    // Chunk by chunk, so that the work recorded ends at the first difference.
    let mut examined = 0;
    let order = x
        .chunks(COMPARE_CHUNK)
        .zip(y.chunks(COMPARE_CHUNK))
        .find_map(|(p, q)| {
            examined += p.len().min(q.len());
            (p != q).then(|| p.cmp(q))
        })
        .unwrap_or_else(|| x.len().cmp(&y.len()));
    mem.add_work(examined as u64);
    order as i32
}

/// Bytes compared at once by [`compare`].
const COMPARE_CHUNK: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::memory::MemoryConfig;

    #[test]
    fn copy_on_write_keeps_value_semantics() {
        let mut m = Memory::new(MemoryConfig::default()).unwrap();
        let a = new(&mut m, b"ab").unwrap();
        retain(&mut m, a);
        let b = append_bytes(&mut m, a, b"cd").unwrap();
        assert_ne!(a, b);
        assert_eq!(bytes(&m, a), b"ab");
        assert_eq!(bytes(&m, b), b"abcd");
        let b2 = append_bytes(&mut m, b, b"ef").unwrap();
        assert_eq!(b2, b, "a unique string with room grows in place");
        release(&mut m, a);
        release(&mut m, b2);
        assert_eq!(m.in_use(), 0);
    }

    #[test]
    fn appending_a_string_to_itself() {
        let mut m = Memory::new(MemoryConfig::default()).unwrap();
        let a = new(&mut m, b"xy").unwrap();
        let a = append_string(&mut m, a, a).unwrap();
        assert_eq!(bytes(&m, a), b"xyxy");
        let lit = immortal(&mut m, b"lit").unwrap();
        let c = append_string(&mut m, 0, lit).unwrap();
        assert_eq!(c, lit);
        let c = append_bytes(&mut m, c, b"!").unwrap();
        assert_eq!(bytes(&m, c), b"lit!");
        assert_eq!(bytes(&m, lit), b"lit");
        assert_eq!(compare(&m, lit, c), -1);
        assert_eq!(compare(&m, 0, 0), 0);
    }

    #[test]
    fn work_is_recorded_per_byte_copied_or_compared() {
        let mut m = Memory::new(MemoryConfig::default()).unwrap();
        let a = new(&mut m, &[b'a'; 200]).unwrap();
        let mut far = [b'a'; 200];
        far[150] = b'b';
        let b = new(&mut m, &far).unwrap();
        assert_eq!(
            m.take_work_steps(),
            6,
            "400 bytes copied: 6 steps, 16 units left"
        );
        assert_eq!(compare(&m, a, b), -1);
        // The difference is in the third chunk of 64 bytes: 128 + 64 examined.
        assert_eq!(m.take_work_steps(), 3);
        retain(&mut m, a);
        let c = append_bytes(&mut m, a, b"x").unwrap();
        // Shared, so copied: 200 + 1 bytes, with the 16 left over.
        assert_eq!(m.take_work_steps(), 3);
        release(&mut m, a);
        release(&mut m, b);
        release(&mut m, c);
    }

    #[test]
    fn parts_are_copied_and_clamped() {
        let mut m = Memory::new(MemoryConfig::default()).unwrap();
        let a = new(&mut m, b"hello").unwrap();
        let p = new_part(&mut m, a, 1, 4).unwrap();
        assert_eq!(bytes(&m, p), b"ell");
        assert_eq!(new_part(&mut m, a, 3, 3).unwrap(), 0);
        let q = new_part(&mut m, a, 2, 99).unwrap();
        assert_eq!(bytes(&m, q), b"llo");
        assert_eq!(new_part(&mut m, a, 9, 99).unwrap(), 0);
        let long = new(&mut m, &[b'x'; 200]).unwrap();
        m.clear_work();
        let r = new_part(&mut m, long, 10, 138).unwrap();
        assert_eq!(m.take_work_steps(), 2, "128 bytes copied");
        for s in [a, p, q, long, r] {
            release(&mut m, s);
        }
        assert_eq!(m.in_use(), 0);
    }
}
