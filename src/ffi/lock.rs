//! The context lock: a re-entrant mutex shaped for the cost of one host->script call.
//!
//! Every C entry point takes it, so its uncontended cost is part of every
//! `gjs_context_call`. Taking it is one compare-and-swap; releasing it is a plain
//! release store, not a second atomic read-modify-write; threads are told apart by
//! `pthread_self`, which reads the thread pointer instead of looking up a
//! thread-local in a shared library. A host callback that calls back into its own
//! context re-enters on the same thread and only counts.
//!
//! Contention (a host sharing one context between threads) is served correctly but
//! not optimised for: a waiter spins briefly, yields, then parks. Because releasing
//! does not read-modify-write, an unlock can miss a waiter that is parking at that
//! very instant; parked waiters therefore also wake after [`PARK_TIMEOUT`] and try
//! again, which bounds the delay of a missed wake-up.

use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Set in the lock word while a waiter is parked (thread tokens keep bit 0 clear).
const PARKED: usize = 1;

/// How long a parked waiter sleeps before it looks again without being woken.
const PARK_TIMEOUT: Duration = Duration::from_millis(1);

/// A re-entrant lock without data; the context keeps its state in cells it guards.
pub(super) struct ContextLock {
    /// 0 when free; otherwise the owner's [`thread_token`], plus [`PARKED`] while a
    /// waiter sleeps.
    word: AtomicUsize,
    /// Times the owner re-entered beyond its first acquisition. Only the owner
    /// thread reads or writes it.
    depth: Cell<u32>,
}

// SAFETY: `word` is atomic; `depth` is only touched by the thread whose token is in
// `word`, and the acquire/release pair on `word` orders its uses across owners.
unsafe impl Sync for ContextLock {}

/// Holds the lock until dropped, on the thread that took it.
pub(super) struct ContextGuard<'a> {
    lock: &'a ContextLock,
    /// Not `Send`: the release must happen on the owner thread.
    _owner_thread: PhantomData<*const ()>,
}

/// A non-zero number that tells live threads apart, with bit 0 clear.
#[inline]
fn thread_token() -> usize {
    // SAFETY: pthread_self has no preconditions. Its value is the address of the
    // thread's control block: non-zero, distinct among live threads, and far below
    // the top bit, so shifting keeps it distinct and frees bit 0.
    (unsafe { libc::pthread_self() } as usize) << 1
}

impl ContextLock {
    pub(super) const fn new() -> ContextLock {
        ContextLock {
            word: AtomicUsize::new(0),
            depth: Cell::new(0),
        }
    }

    /// Takes the lock, waiting while another thread holds it; re-enters when this
    /// thread already does.
    #[inline]
    pub(super) fn lock(&self) -> ContextGuard<'_> {
        let me = thread_token();
        if self
            .word
            .compare_exchange(0, me, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_slow(me);
        }
        ContextGuard {
            lock: self,
            _owner_thread: PhantomData,
        }
    }

    #[cold]
    fn lock_slow(&self, me: usize) {
        // Only this thread can have put its own token there.
        if self.word.load(Ordering::Relaxed) & !PARKED == me {
            let depth = self.depth.get().checked_add(1);
            self.depth
                .set(depth.expect("context lock re-entered too deeply"));
            return;
        }
        let mut rounds = 0u32;
        loop {
            let word = self.word.load(Ordering::Relaxed);
            if word == 0 {
                if self
                    .word
                    .compare_exchange_weak(0, me, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
                {
                    return;
                }
                continue;
            }
            rounds += 1;
            if rounds <= 10 {
                for _ in 0..(1u32 << rounds) {
                    std::hint::spin_loop();
                }
                continue;
            }
            if rounds <= 20 {
                std::thread::yield_now();
                continue;
            }
            if word & PARKED == 0
                && self
                    .word
                    .compare_exchange_weak(
                        word,
                        word | PARKED,
                        Ordering::Relaxed,
                        Ordering::Relaxed,
                    )
                    .is_err()
            {
                continue;
            }
            let key = self as *const ContextLock as usize;
            let parked = word | PARKED;
            // SAFETY: the callbacks neither panic nor call into parking_lot_core.
            unsafe {
                parking_lot_core::park(
                    key,
                    || self.word.load(Ordering::Relaxed) == parked,
                    || {},
                    |_, _| {},
                    parking_lot_core::DEFAULT_PARK_TOKEN,
                    Some(Instant::now() + PARK_TIMEOUT),
                );
            }
        }
    }

    #[cold]
    fn unlock_and_wake(&self) {
        self.word.store(0, Ordering::Release);
        let key = self as *const ContextLock as usize;
        // SAFETY: the callback neither panics nor calls into parking_lot_core.
        unsafe {
            parking_lot_core::unpark_all(key, parking_lot_core::DEFAULT_UNPARK_TOKEN);
        }
    }
}

impl Drop for ContextGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        let lock = self.lock;
        let depth = lock.depth.get();
        if depth > 0 {
            lock.depth.set(depth - 1);
            return;
        }
        // A waiter that sets PARKED between this load and the store below is the missed
        // wake-up the module banner describes: it wakes by its timeout.
        if lock.word.load(Ordering::Relaxed) & PARKED == 0 {
            lock.word.store(0, Ordering::Release);
        } else {
            lock.unlock_and_wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn reenters_on_the_owner_thread() {
        let lock = ContextLock::new();
        let outer = lock.lock();
        {
            let _inner = lock.lock();
            let _innermost = lock.lock();
            assert_eq!(lock.depth.get(), 2);
        }
        assert_eq!(lock.depth.get(), 0);
        assert_ne!(lock.word.load(Ordering::Relaxed), 0);
        drop(outer);
        assert_eq!(lock.word.load(Ordering::Relaxed), 0);
    }

    /// Counter updates under the lock are never lost, through every waiting stage
    /// (spinning, yielding, parking) and with re-entry on each thread.
    #[test]
    fn serialises_threads() {
        struct Shared {
            lock: ContextLock,
            count: Cell<u64>,
        }
        // SAFETY: `count` is only used with `lock` held.
        unsafe impl Sync for Shared {}
        let shared = Arc::new(Shared {
            lock: ContextLock::new(),
            count: Cell::new(0),
        });
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    for i in 0..2000u32 {
                        let _g = shared.lock.lock();
                        let _again = shared.lock.lock();
                        let v = shared.count.get();
                        if (i + t) % 500 == 0 {
                            // Long enough that the others reach the parking stage.
                            std::thread::sleep(Duration::from_millis(2));
                        }
                        shared.count.set(v + 1);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(shared.count.get(), 8000);
        assert_eq!(shared.lock.word.load(Ordering::Relaxed), 0);
    }
}
