//! `array<T>` in VM memory.
//!
//! An array is a 12-byte header `[data: u32][len: u32][cap: u32]` wherever the array
//! lives (a frame slot, module data, later a field or an element), and a heap block of
//! `cap` elements at `data` (0 while the array has never held anything). Passing an
//! array by reference passes the header's address, so growth that moves the elements
//! is seen by every holder.
//!
//! Every access checks that the header and the element lie inside VM memory and that
//! the index is below `len`, so a wrong address or index faults instead of touching
//! anything outside the context.
//!
//! Members whose work grows with the length record it for the step budget
//! ([`Memory::add_work`]): one unit per element moved, filled, destroyed, copied or
//! scanned, one per byte for arrays of objects (whose `push` opens a slot as an insert
//! at the end). `push` and `pop` of other elements record nothing: their occasional
//! regrowth is paid for by the pushes it follows.

use super::memory::Memory;
use super::{Fault, strings};

/// Size of an array header.
pub const HEADER: u32 = 12;

/// How elements are stored and copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ElemKind {
    /// 1 byte, sign-extended when read (`i8`).
    S8,
    /// 1 byte (`u8`, `bool`).
    U8,
    S16,
    U16,
    /// 4 raw bytes (`i32`, `u32`, `f32`).
    W32,
    /// 8 raw bytes (`i64`, `u64`, `f64`).
    W64,
    /// A string reference (4 bytes) owned by the array.
    Str,
}

impl ElemKind {
    pub fn size(self) -> u32 {
        match self {
            ElemKind::S8 | ElemKind::U8 => 1,
            ElemKind::S16 | ElemKind::U16 => 2,
            ElemKind::W32 | ElemKind::Str => 4,
            ElemKind::W64 => 8,
        }
    }

    /// The code used in bytecode operands.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(c: u8) -> ElemKind {
        match c {
            0 => ElemKind::S8,
            1 => ElemKind::U8,
            2 => ElemKind::S16,
            3 => ElemKind::U16,
            4 => ElemKind::W32,
            5 => ElemKind::W64,
            _ => ElemKind::Str,
        }
    }
}

fn check(mem: &Memory, addr: u32, len: u32) -> Result<(), Fault> {
    if addr == 0 || !mem.contains(addr, len) {
        return Err(Fault::runtime("invalid memory access"));
    }
    Ok(())
}

struct Header {
    data: u32,
    len: u32,
    cap: u32,
}

/// The header of the array at `a` for elements of `size` bytes. Its element range is
/// checked against VM memory too, so that a header overwritten through a stale object
/// reference faults instead of reaching outside the context.
fn header(mem: &Memory, a: u32, size: u32) -> Result<Header, Fault> {
    check(mem, a, HEADER)?;
    let h = Header {
        data: mem.read_u32(a),
        len: mem.read_u32(a + 4),
        cap: mem.read_u32(a + 8),
    };
    if h.len > h.cap || (h.cap > 0 && h.data as u64 + h.cap as u64 * size as u64 > mem.len()) {
        return Err(Fault::runtime("invalid memory access"));
    }
    Ok(h)
}

fn set_header(mem: &mut Memory, a: u32, h: &Header) {
    mem.write_u32(a, h.data);
    mem.write_u32(a + 4, h.len);
    mem.write_u32(a + 8, h.cap);
}

pub fn len(mem: &Memory, a: u32) -> Result<u32, Fault> {
    Ok(header(mem, a, 1)?.len)
}

/// The fault for index `i` of an array of `len` elements (for the VM's fast paths).
pub fn index_fault(i: i64, len: u32) -> Fault {
    out_of_range(i, len)
}

fn out_of_range(i: i64, len: u32) -> Fault {
    Fault::runtime(format!("array index {i} is out of range (length {len})"))
}

/// Address of element `i`, or the index fault.
fn element(mem: &Memory, a: u32, i: i64, kind: ElemKind) -> Result<u32, Fault> {
    slot(mem, a, i, kind.size())
}

/// The element of `kind` stored at `at`, in register form (no reference taken).
fn load(mem: &Memory, at: u32, kind: ElemKind) -> u64 {
    let b = &mem.bytes()[at as usize..];
    match kind {
        ElemKind::S8 => b[0] as i8 as i32 as u32 as u64,
        ElemKind::U8 => b[0] as u64,
        ElemKind::S16 => i16::from_le_bytes([b[0], b[1]]) as i32 as u32 as u64,
        ElemKind::U16 => u16::from_le_bytes([b[0], b[1]]) as u64,
        ElemKind::W32 | ElemKind::Str => u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64,
        ElemKind::W64 => u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
    }
}

/// Stores `v` as an element of `kind` at `at` (no reference released or taken).
fn store(mem: &mut Memory, at: u32, kind: ElemKind, v: u64) {
    let n = kind.size() as usize;
    mem.bytes_mut()[at as usize..at as usize + n].copy_from_slice(&v.to_le_bytes()[..n]);
}

/// The value of `kind` stored at `at` (checked to lie in memory), in register form; a
/// string is a new reference.
pub fn load_owned(mem: &mut Memory, at: u32, kind: ElemKind) -> u64 {
    let v = load(mem, at, kind);
    if kind == ElemKind::Str {
        strings::retain(mem, v as u32);
    }
    v
}

/// Stores `v` at `at` (checked to lie in memory), releasing the string it replaces; a
/// string `v` is taken over.
pub fn replace(mem: &mut Memory, at: u32, kind: ElemKind, v: u64) {
    if kind == ElemKind::Str {
        let old = load(mem, at, kind);
        strings::release(mem, old as u32);
    }
    store(mem, at, kind, v);
}

/// `a[i]`; a string element comes back as a new reference.
pub fn get(mem: &mut Memory, a: u32, i: i64, kind: ElemKind) -> Result<u64, Fault> {
    let at = element(mem, a, i, kind)?;
    Ok(load_owned(mem, at, kind))
}

/// `a[i] = v`; a string `v` is a reference the array takes over.
pub fn set(mem: &mut Memory, a: u32, i: i64, v: u64, kind: ElemKind) -> Result<(), Fault> {
    let at = match element(mem, a, i, kind) {
        Ok(at) => at,
        Err(f) => {
            if kind == ElemKind::Str {
                strings::release(mem, v as u32);
            }
            return Err(f);
        }
    };
    replace(mem, at, kind, v);
    Ok(())
}

/// Makes room for at least `need` elements (amortised doubling).
fn reserve_raw(mem: &mut Memory, a: u32, need: u32, size: u32) -> Result<(), Fault> {
    let mut h = header(mem, a, size)?;
    if need <= h.cap {
        return Ok(());
    }
    let cap = need.max(h.cap.saturating_mul(2)).max(4);
    let bytes = cap.checked_mul(size).ok_or_else(Fault::out_of_memory)?;
    // The last block of the heap grows where it is: no copy.
    if h.data != 0 && mem.extend_in_place(h.data, bytes)? {
        h.cap = mem.block_capacity(h.data) / size;
        set_header(mem, a, &h);
        return Ok(());
    }
    let data = mem.alloc(bytes)?;
    if h.data != 0 {
        let n = (h.len * size) as usize;
        mem.bytes_mut()
            .copy_within(h.data as usize..h.data as usize + n, data as usize);
        mem.free(h.data);
    }
    h.data = data;
    h.cap = cap;
    set_header(mem, a, &h);
    Ok(())
}

/// `a.push(v)`; a string `v` is taken over.
pub fn push(mem: &mut Memory, a: u32, v: u64, kind: ElemKind) -> Result<(), Fault> {
    let len = match header(mem, a, kind.size()) {
        Ok(h) => h.len,
        Err(f) => {
            if kind == ElemKind::Str {
                strings::release(mem, v as u32);
            }
            return Err(f);
        }
    };
    if let Err(f) = reserve_raw(mem, a, len + 1, kind.size()) {
        if kind == ElemKind::Str {
            strings::release(mem, v as u32);
        }
        return Err(f);
    }
    let h = header(mem, a, kind.size())?;
    store(mem, h.data + len * kind.size(), kind, v);
    mem.write_u32(a + 4, len + 1);
    Ok(())
}

/// `a.pop()`: the last element, moved out.
pub fn pop(mem: &mut Memory, a: u32, kind: ElemKind) -> Result<u64, Fault> {
    let h = header(mem, a, kind.size())?;
    if h.len == 0 {
        return Err(Fault::runtime("pop from an empty array"));
    }
    let v = load(mem, h.data + (h.len - 1) * kind.size(), kind);
    mem.write_u32(a + 4, h.len - 1);
    Ok(v)
}

/// `a.insert(i, v)`: before index `i` (`i == len` appends).
pub fn insert(mem: &mut Memory, a: u32, i: i64, v: u64, kind: ElemKind) -> Result<(), Fault> {
    let len = header(mem, a, kind.size())?.len;
    if i < 0 || i > len as i64 {
        if kind == ElemKind::Str {
            strings::release(mem, v as u32);
        }
        return Err(out_of_range(i, len));
    }
    push(mem, a, v, kind)?;
    let h = header(mem, a, kind.size())?;
    let size = kind.size() as usize;
    let at = h.data as usize + i as usize * size;
    let end = h.data as usize + (h.len as usize - 1) * size;
    // Rotate the pushed element down into place.
    mem.bytes_mut()[at..end + size].rotate_right(size);
    mem.add_work((h.len as i64 - i) as u64);
    Ok(())
}

/// `a.remove(i)`: destroys element `i`; later ones move down.
pub fn remove(mem: &mut Memory, a: u32, i: i64, kind: ElemKind) -> Result<(), Fault> {
    let at = element(mem, a, i, kind)? as usize;
    let h = header(mem, a, kind.size())?;
    if kind == ElemKind::Str {
        let old = load(mem, at as u32, kind);
        strings::release(mem, old as u32);
    }
    let size = kind.size() as usize;
    let end = h.data as usize + h.len as usize * size;
    mem.bytes_mut().copy_within(at + size..end, at);
    mem.write_u32(a + 4, h.len - 1);
    mem.add_work((h.len as i64 - i) as u64);
    Ok(())
}

/// `a.resize(n)`: destroys elements beyond `n` or appends zero ones.
pub fn resize(mem: &mut Memory, a: u32, n: u32, kind: ElemKind) -> Result<(), Fault> {
    let h = header(mem, a, kind.size())?;
    mem.add_work(h.len.abs_diff(n) as u64);
    if n < h.len {
        if kind == ElemKind::Str {
            for i in (n..h.len).rev() {
                let v = load(mem, h.data + i * 4, kind);
                strings::release(mem, v as u32);
            }
        }
    } else if n > h.len {
        reserve_raw(mem, a, n, kind.size())?;
        let h = header(mem, a, kind.size())?;
        let from = (h.data + h.len * kind.size()) as usize;
        let to = (h.data + n * kind.size()) as usize;
        mem.bytes_mut()[from..to].fill(0);
    }
    mem.write_u32(a + 4, n);
    Ok(())
}

pub fn reserve(mem: &mut Memory, a: u32, n: u32, kind: ElemKind) -> Result<(), Fault> {
    reserve_member(mem, a, n, kind.size(), 1)
}

/// `reserve(n)` as a member: growing records the `n` elements' `units` each (the new
/// block is zeroed when reused, and the elements are copied into it).
fn reserve_member(mem: &mut Memory, a: u32, n: u32, size: u32, units: u64) -> Result<(), Fault> {
    if n > header(mem, a, size)?.cap {
        mem.add_work(n as u64 * units);
    }
    reserve_raw(mem, a, n, size)
}

/// `a.clear()`: destroys every element, last first; keeps the capacity.
pub fn clear(mem: &mut Memory, a: u32, kind: ElemKind) -> Result<(), Fault> {
    resize(mem, a, 0, kind)
}

/// Destroys the array's contents and frees its elements (the header becomes empty).
pub fn destroy(mem: &mut Memory, a: u32, kind: ElemKind) {
    if header(mem, a, kind.size()).is_ok_and(|h| h.data != 0) {
        let _ = clear(mem, a, kind);
        free_slots(mem, a);
    }
}

/// `dst = src` (element by element); `dst` and `src` may be the same array.
pub fn assign(mem: &mut Memory, dst: u32, src: u32, kind: ElemKind) -> Result<(), Fault> {
    if dst == src {
        return header(mem, dst, kind.size()).map(|_| ());
    }
    let s = header(mem, src, kind.size())?;
    header(mem, dst, kind.size())?;
    let _ = clear(mem, dst, kind);
    reserve_raw(mem, dst, s.len, kind.size())?;
    let d = header(mem, dst, kind.size())?;
    mem.add_work(s.len as u64);
    let n = (s.len * kind.size()) as usize;
    if n > 0 {
        mem.bytes_mut()
            .copy_within(s.data as usize..s.data as usize + n, d.data as usize);
    }
    if kind == ElemKind::Str {
        for i in 0..s.len {
            let v = load(mem, d.data + i * 4, kind);
            strings::retain(mem, v as u32);
        }
    }
    mem.write_u32(dst + 4, s.len);
    Ok(())
}

/// `a.indexOf(v)`: the first equal element's index or -1 (strings compare bytewise).
pub fn index_of(mem: &Memory, a: u32, v: u64, kind: ElemKind) -> Result<i64, Fault> {
    let h = header(mem, a, kind.size())?;
    for i in 0..h.len {
        let e = load(mem, h.data + i * kind.size(), kind);
        let equal = match kind {
            ElemKind::Str => strings::compare(mem, e as u32, v as u32) == 0,
            ElemKind::W32 => e as u32 == v as u32,
            ElemKind::S8 | ElemKind::U8 | ElemKind::S16 | ElemKind::U16 => e as u32 == v as u32,
            ElemKind::W64 => e == v,
        };
        if equal {
            mem.add_work(i as u64 + 1);
            return Ok(i as i64);
        }
    }
    mem.add_work(h.len as u64);
    Ok(-1)
}

// ---- arrays of objects -------------------------------------------------------------------
//
// Elements that are objects (class and format values, arrays) are constructed, copied and
// destroyed by compiled code, which may run script constructors and destructors. The
// runtime only manages their storage: slots of `size` bytes, relocated bytewise.

/// Address of element `i` of an array of `size`-byte objects (index fault if out of range).
pub fn slot(mem: &Memory, a: u32, i: i64, size: u32) -> Result<u32, Fault> {
    let h = header(mem, a, size)?;
    if i < 0 || i >= h.len as i64 {
        return Err(out_of_range(i, h.len));
    }
    let at = h.data + i as u32 * size;
    check(mem, at, size)?;
    Ok(at)
}

/// Appends a zeroed slot; returns its address (the caller constructs the element).
pub fn push_slot(mem: &mut Memory, a: u32, size: u32) -> Result<u32, Fault> {
    let len = header(mem, a, size)?.len;
    insert_slot(mem, a, len as i64, size)
}

/// Opens a zeroed slot before index `i` (`0..=len`); returns its address.
pub fn insert_slot(mem: &mut Memory, a: u32, i: i64, size: u32) -> Result<u32, Fault> {
    let len = header(mem, a, size)?.len;
    if i < 0 || i > len as i64 {
        return Err(out_of_range(i, len));
    }
    reserve_raw(mem, a, len + 1, size)?;
    let mut h = header(mem, a, size)?;
    let at = (h.data + i as u32 * size) as usize;
    let end = (h.data + len * size) as usize;
    mem.add_work((len as i64 + 1 - i) as u64 * size as u64);
    let size = size as usize;
    mem.bytes_mut().copy_within(at..end, at + size);
    mem.bytes_mut()[at..at + size].fill(0);
    h.len = len + 1;
    set_header(mem, a, &h);
    Ok(at as u32)
}

/// Closes the slot at index `i` (its element already destroyed).
pub fn remove_slot(mem: &mut Memory, a: u32, i: i64, size: u32) -> Result<(), Fault> {
    let mut h = header(mem, a, size)?;
    if i < 0 || i >= h.len as i64 {
        return Err(out_of_range(i, h.len));
    }
    let at = (h.data + i as u32 * size) as usize;
    let end = (h.data + h.len * size) as usize;
    mem.bytes_mut().copy_within(at + size as usize..end, at);
    mem.add_work((end - at) as u64);
    h.len -= 1;
    set_header(mem, a, &h);
    Ok(())
}

/// Moves the last element's bytes to `dst` and drops its slot (`pop`).
pub fn pop_into(mem: &mut Memory, dst: u32, a: u32, size: u32) -> Result<(), Fault> {
    let mut h = header(mem, a, size)?;
    if h.len == 0 {
        return Err(Fault::runtime("pop from an empty array"));
    }
    check(mem, dst, size)?;
    let at = (h.data + (h.len - 1) * size) as usize;
    mem.bytes_mut()
        .copy_within(at..at + size as usize, dst as usize);
    h.len -= 1;
    set_header(mem, a, &h);
    Ok(())
}

/// Sets the length to `n` ≤ len (the dropped elements already destroyed).
pub fn truncate(mem: &mut Memory, a: u32, n: u32, size: u32) -> Result<(), Fault> {
    let mut h = header(mem, a, size)?;
    h.len = h.len.min(n);
    set_header(mem, a, &h);
    Ok(())
}

/// `a.reserve(n)` for object elements.
pub fn reserve_slots(mem: &mut Memory, a: u32, n: u32, size: u32) -> Result<(), Fault> {
    reserve_member(mem, a, n, size, size as u64)
}

/// Frees the storage of an array whose elements were destroyed; it becomes empty.
pub fn free_slots(mem: &mut Memory, a: u32) {
    let Ok(h) = header(mem, a, 1) else { return };
    if h.data != 0 {
        mem.free(h.data);
    }
    set_header(
        mem,
        a,
        &Header {
            data: 0,
            len: 0,
            cap: 0,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::memory::MemoryConfig;

    fn mem_with_header() -> (Memory, u32) {
        let mut m = Memory::new(MemoryConfig::default()).unwrap();
        let a = m.alloc(HEADER).unwrap();
        (m, a)
    }

    #[test]
    fn push_get_set_and_bounds() {
        let (mut m, a) = mem_with_header();
        for i in 0..100u64 {
            push(&mut m, a, i * i, ElemKind::W32).unwrap();
        }
        assert_eq!(len(&m, a).unwrap(), 100);
        assert_eq!(get(&mut m, a, 9, ElemKind::W32).unwrap(), 81);
        set(&mut m, a, 9, 7, ElemKind::W32).unwrap();
        assert_eq!(get(&mut m, a, 9, ElemKind::W32).unwrap(), 7);
        let e = get(&mut m, a, 100, ElemKind::W32).unwrap_err();
        assert_eq!(e.message, "array index 100 is out of range (length 100)");
        let e = get(&mut m, a, -1, ElemKind::W32).unwrap_err();
        assert_eq!(e.message, "array index -1 is out of range (length 100)");
    }

    #[test]
    fn insert_remove_pop_resize() {
        let (mut m, a) = mem_with_header();
        for v in [1u64, 2, 4] {
            push(&mut m, a, v, ElemKind::S16).unwrap();
        }
        insert(&mut m, a, 2, 3, ElemKind::S16).unwrap();
        insert(&mut m, a, 0, 0, ElemKind::S16).unwrap();
        let all: Vec<u64> = (0..5)
            .map(|i| get(&mut m, a, i, ElemKind::S16).unwrap())
            .collect();
        assert_eq!(all, [0, 1, 2, 3, 4]);
        remove(&mut m, a, 1, ElemKind::S16).unwrap();
        assert_eq!(pop(&mut m, a, ElemKind::S16).unwrap(), 4);
        assert_eq!(index_of(&m, a, 3, ElemKind::S16).unwrap(), 2);
        resize(&mut m, a, 6, ElemKind::S16).unwrap();
        assert_eq!(get(&mut m, a, 5, ElemKind::S16).unwrap(), 0);
        assert!(insert(&mut m, a, 9, 1, ElemKind::S16).is_err());
    }

    #[test]
    fn string_elements_are_owned_and_freed() {
        let (mut m, a) = mem_with_header();
        let base = m.in_use();
        for w in ["x", "yy", "zzz"] {
            let s = strings::new(&mut m, w.as_bytes()).unwrap();
            push(&mut m, a, s as u64, ElemKind::Str).unwrap();
        }
        let b = m.alloc(HEADER).unwrap();
        assign(&mut m, b, a, ElemKind::Str).unwrap();
        destroy(&mut m, a, ElemKind::Str);
        let s = get(&mut m, b, 1, ElemKind::Str).unwrap();
        assert_eq!(strings::bytes(&m, s as u32), b"yy");
        strings::release(&mut m, s as u32);
        destroy(&mut m, b, ElemKind::Str);
        m.free(b);
        assert_eq!(m.in_use(), base);
    }
}
