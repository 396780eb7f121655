//! VM memory: the one linear byte array a context's scripts can touch (spec 9.1).
//!
//! Layout: a reserved area at offset 0 (so offset 0 is never an object and means "null"
//! or "empty string"), the stack region of `stack_size` bytes, then the heap. Offsets are
//! `u32`. The heap starts at `memory_size` bytes and grows (doubling) up to
//! `max_memory_size`; growth reallocates the host buffer but never changes offsets.
//! New memory is zero.
//!
//! The allocator hands out 8-aligned blocks in power-of-two size classes. Each block has
//! an 8-byte header just before it holding its class; the free lists themselves live on
//! the host side, so no script write can corrupt them. Scripts never write headers: every
//! script store is to a global slot, an object field or an element, all inside blocks.
//!
//! Memory also carries the work meter: runtime routines record the bytes and elements they
//! process, and the interpreter charges them to the step budget after each instruction
//! that may do such work.

use super::Fault;
use std::cell::Cell;

/// Bytes at offset 0 that are never allocated.
pub const RESERVED: u32 = 16;
const HEADER: u32 = 8;
const MIN_CLASS_SHIFT: u32 = 4;
const CLASSES: usize = 29;
/// Units of recorded work (see [`Memory::add_work`]) per step of the step budget.
pub const WORK_PER_STEP: u64 = 64;

/// Heap size limits and the region layout of one context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryConfig {
    pub stack_size: u32,
    pub memory_size: u32,
    /// 0: no limit but the 32-bit address space.
    pub max_memory_size: u64,
}

impl Default for MemoryConfig {
    fn default() -> Self {
        MemoryConfig {
            stack_size: 1 << 20,
            memory_size: 1_000_000,
            max_memory_size: 0,
        }
    }
}

pub struct Memory {
    /// Backing store as u64 words so every 8-aligned offset is aligned for the host too.
    words: Vec<u64>,
    /// First heap byte.
    heap_start: u32,
    /// Next never-used heap byte.
    top: u32,
    /// Largest total size (reserved + stack + heap) allowed.
    limit: u64,
    free: [Vec<u32>; CLASSES],
    in_use: u64,
    /// Units of work recorded since the interpreter last took them (a `Cell` so that
    /// read-only routines such as comparisons can record theirs).
    work: Cell<u64>,
}

/// `n` zero words, or None if they cannot be allocated. Zeroed by the allocator, so a
/// large block comes as untouched zero pages from the system instead of being written
/// (a new context costs no more than the memory it uses).
fn zeroed_words(n: usize) -> Option<Vec<u64>> {
    if n == 0 {
        return Some(Vec::new());
    }
    let layout = std::alloc::Layout::array::<u64>(n).ok()?;
    // SAFETY: `layout` has a non-zero size.
    let p = unsafe { std::alloc::alloc_zeroed(layout) } as *mut u64;
    if p.is_null() {
        return None;
    }
    // SAFETY: `p` was allocated by the global allocator with the layout of `n` u64s,
    // all initialised (to zero); length and capacity are `n`.
    Some(unsafe { Vec::from_raw_parts(p, n, n) })
}

impl Memory {
    pub fn new(config: MemoryConfig) -> Result<Memory, Fault> {
        let stack = round8(config.stack_size as u64);
        let heap_start = RESERVED as u64 + stack;
        let max_total = 1u64 << 32;
        let limit = if config.max_memory_size == 0 {
            max_total
        } else {
            heap_start
                .saturating_add(round8(config.max_memory_size))
                .min(max_total)
        };
        let initial = (heap_start + round8(config.memory_size as u64)).min(limit);
        if heap_start >= max_total {
            return Err(Fault::out_of_memory());
        }
        let words = zeroed_words((initial / 8) as usize).ok_or_else(Fault::out_of_memory)?;
        Ok(Memory {
            words,
            heap_start: heap_start as u32,
            top: heap_start as u32,
            limit,
            free: Default::default(),
            in_use: 0,
            work: Cell::new(0),
        })
    }

    /// Current size in bytes.
    pub fn len(&self) -> u64 {
        self.words.len() as u64 * 8
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Bytes held by live heap blocks, headers included.
    pub fn in_use(&self) -> u64 {
        self.in_use
    }

    /// Largest size memory may grow to, in bytes.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Records `units` of work for the step budget: bytes of strings and of object
    /// elements, elements of primitive and string arrays.
    #[inline]
    pub fn add_work(&self, units: u64) {
        self.work.set(self.work.get().saturating_add(units));
    }

    /// The whole steps of work recorded so far ([`WORK_PER_STEP`] units each). The
    /// remainder is kept, so that small operations add up instead of being free.
    #[inline]
    pub fn take_work_steps(&self) -> u64 {
        let w = self.work.get();
        if w < WORK_PER_STEP {
            return 0;
        }
        self.work.set(w % WORK_PER_STEP);
        w / WORK_PER_STEP
    }

    /// Forgets the work recorded so far.
    pub fn clear_work(&self) {
        self.work.set(0);
    }

    pub fn stack_region(&self) -> (u32, u32) {
        (RESERVED, self.heap_start)
    }

    pub fn ptr(&self) -> *const u8 {
        self.words.as_ptr() as *const u8
    }

    pub fn mut_ptr(&mut self) -> *mut u8 {
        self.words.as_mut_ptr() as *mut u8
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: a u64 slice viewed as bytes; u8 has no alignment or validity needs.
        unsafe { std::slice::from_raw_parts(self.ptr(), self.words.len() * 8) }
    }

    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `bytes`, with the exclusive borrow of `self`.
        unsafe { std::slice::from_raw_parts_mut(self.mut_ptr(), self.words.len() * 8) }
    }

    fn class_of(size: u32) -> Option<usize> {
        let total = size.checked_add(HEADER)?.max(1 << MIN_CLASS_SHIFT);
        let class = total
            .next_power_of_two()
            .trailing_zeros()
            .checked_sub(MIN_CLASS_SHIFT)? as usize;
        (class < CLASSES).then_some(class)
    }

    /// The usable size of a block allocated for `size` bytes.
    pub fn capacity_for(size: u32) -> Option<u32> {
        Self::class_of(size).map(|c| (1u32 << (c as u32 + MIN_CLASS_SHIFT)) - HEADER)
    }

    /// Allocates `size` zeroed bytes; returns the offset of the block (8-aligned).
    pub fn alloc(&mut self, size: u32) -> Result<u32, Fault> {
        let class = Self::class_of(size).ok_or_else(Fault::out_of_memory)?;
        let block = 1u64 << (class as u32 + MIN_CLASS_SHIFT);
        let at = if let Some(at) = self.free[class].pop() {
            // Reused blocks are zeroed again: scripts see fresh memory as zero.
            let start = at as usize;
            self.bytes_mut()[start..start + block as usize - HEADER as usize].fill(0);
            at
        } else {
            let start = self.top as u64;
            let end = start + block;
            if end > self.len() {
                self.grow(end)?;
            }
            self.top = end as u32;
            (start + HEADER as u64) as u32
        };
        self.write_u32(at - HEADER, class as u32);
        self.in_use += block;
        Ok(at)
    }

    /// Frees a block returned by `alloc`.
    pub fn free(&mut self, at: u32) {
        if at < self.heap_start + HEADER || at >= self.top || at % 8 != 0 {
            return;
        }
        let class = self.read_u32(at - HEADER) as usize;
        if class >= CLASSES
            || (at - HEADER) as u64 + (1u64 << (class + MIN_CLASS_SHIFT as usize)) > self.top as u64
        {
            return;
        }
        self.write_u32(at - HEADER, u32::MAX);
        // A new generation: handles to the old object no longer match the block.
        let generation = self.read_u32(at - 4);
        self.write_u32(at - 4, generation.wrapping_add(1));
        self.in_use -= 1u64 << (class as u32 + MIN_CLASS_SHIFT);
        self.free[class].push(at);
    }

    /// A handle to the object in the block at `at`: its offset and, above it, the
    /// block's generation (which `free` advances).
    pub fn handle_of(&self, at: u32) -> u64 {
        at as u64 | (self.read_u32(at - 4) as u64) << 32
    }

    /// The object a handle refers to, or the fault for a deleted (or forged) one.
    pub fn handle_target(&self, handle: u64) -> Result<u32, Fault> {
        let at = handle as u32;
        let live = at >= self.heap_start + HEADER
            && at < self.top
            && at % 8 == 0
            && (self.read_u32(at - HEADER) as usize) < CLASSES
            && self.read_u32(at - 4) == (handle >> 32) as u32;
        if live {
            Ok(at)
        } else {
            Err(Fault::runtime("use of a deleted object"))
        }
    }

    /// Usable bytes of the block at `at`.
    pub fn block_capacity(&self, at: u32) -> u32 {
        let class = self.read_u32(at.wrapping_sub(HEADER));
        if class as usize >= CLASSES {
            return 0;
        }
        (1u32 << (class + MIN_CLASS_SHIFT)) - HEADER
    }

    fn grow(&mut self, needed: u64) -> Result<(), Fault> {
        if needed > self.limit {
            return Err(Fault::out_of_memory());
        }
        let target = (self.len() * 2).clamp(needed, self.limit);
        let target = round8(target);
        // A fresh zeroed buffer comes from the system as untouched zero pages, so only
        // the copied part costs page faults now (growing in place would write zeros
        // over the whole new part at once).
        let mut words: Vec<u64> = Vec::new();
        words
            .try_reserve_exact((target / 8) as usize)
            .map_err(|_| Fault::out_of_memory())?;
        drop(words);
        let mut words = vec![0u64; (target / 8) as usize];
        let used = (self.top as usize).div_ceil(8).min(self.words.len());
        words[..used].copy_from_slice(&self.words[..used]);
        self.words = words;
        Ok(())
    }

    /// Grows the block at `at` to hold `size` bytes without moving it, when it is the
    /// last block of the heap; returns whether it could.
    pub fn extend_in_place(&mut self, at: u32, size: u32) -> Result<bool, Fault> {
        let class = self.read_u32(at - HEADER) as usize;
        if class >= CLASSES {
            return Ok(false);
        }
        let old_end = (at - HEADER) as u64 + (1u64 << (class as u32 + MIN_CLASS_SHIFT));
        if old_end != self.top as u64 {
            return Ok(false);
        }
        let Some(new_class) = Self::class_of(size) else {
            return Err(Fault::out_of_memory());
        };
        if new_class <= class {
            return Ok(true);
        }
        let new_end = (at - HEADER) as u64 + (1u64 << (new_class as u32 + MIN_CLASS_SHIFT));
        if new_end > self.len() {
            self.grow(new_end)?;
        }
        self.top = new_end as u32;
        self.in_use += (1u64 << (new_class as u32 + MIN_CLASS_SHIFT))
            - (1u64 << (class as u32 + MIN_CLASS_SHIFT));
        self.write_u32(at - HEADER, new_class as u32);
        Ok(true)
    }

    #[inline]
    pub fn read_u32(&self, at: u32) -> u32 {
        // Out of range reads as 0: runtime code reading through a corrupted reference
        // (a script error, spec 5.7) must fault or misbehave, never panic.
        let i = at as usize;
        match self.bytes().get(i..i + 4) {
            Some(b) => u32::from_le_bytes(b.try_into().expect("4 bytes")),
            None => 0,
        }
    }

    #[inline]
    pub fn write_u32(&mut self, at: u32, v: u32) {
        let i = at as usize;
        if let Some(b) = self.bytes_mut().get_mut(i..i + 4) {
            b.copy_from_slice(&v.to_le_bytes());
        }
    }

    /// Whether `at..at+len` lies inside memory.
    pub fn contains(&self, at: u32, len: u32) -> bool {
        (at as u64 + len as u64) <= self.len()
    }
}

fn round8(v: u64) -> u64 {
    v.saturating_add(7) & !7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Memory {
        Memory::new(MemoryConfig {
            stack_size: 64,
            memory_size: 256,
            max_memory_size: 4096,
        })
        .unwrap()
    }

    #[test]
    fn allocates_aligned_zeroed_blocks_and_reuses_them() {
        let mut m = small();
        let a = m.alloc(10).unwrap();
        assert_eq!(a % 8, 0);
        assert!(a >= RESERVED + 64);
        m.bytes_mut()[a as usize] = 7;
        let used = m.in_use();
        m.free(a);
        assert_eq!(m.in_use(), used - 32);
        let b = m.alloc(12).unwrap();
        assert_eq!(a, b);
        assert_eq!(m.bytes()[b as usize], 0);
    }

    #[test]
    fn grows_up_to_the_limit_then_fails() {
        let mut m = small();
        let mut n = 0;
        while m.alloc(100).is_ok() {
            n += 1;
            assert!(n < 1000);
        }
        assert!(m.len() <= 4096 + 16 + 64);
        assert!(n >= 20);
    }

    #[test]
    fn refuses_impossible_sizes() {
        let mut m = small();
        assert!(m.alloc(u32::MAX).is_err());
        assert!(m.alloc(1 << 30).is_err());
    }
}
