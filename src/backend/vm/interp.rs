//! The interpreter loop.
//!
//! One `match` over typed instructions on untagged 64-bit registers. The current
//! frame's registers are reached through a raw pointer: the verifier has checked every
//! register operand against the frame size, and a call checks that the callee's whole
//! frame fits the register stack before entering it, so no access can leave the stack.
//! Steps are counted on backward jumps and calls, and for the work that string and
//! array operations record in memory (one step per 64 bytes or elements), so that the
//! budget also bounds loops whose iterations do more work as the data grows; every
//! `CHUNK` steps the slow path checks the host's interrupt flag and the budget.

use super::opcodes::Op;
use super::{Frame, VmBackend, unwind};
use crate::backend::{Env, HostHook, Trap};
use crate::builtins;
use crate::check::hir::FuncId;
use crate::runtime::arrays::{self, ElemKind};
use crate::runtime::{Fault, fmt, strings};

/// Steps between two looks at the interrupt flag.
const CHUNK: u64 = 1 << 14;

/// The most argument slots of a host call (parameters and a hidden result slot).
const HOST_ARGS: usize = 24;

/// Takes the next chunk of fuel from the budget; 0 means the call must stop. (A plain
/// integer rather than a `Result`: a per-site aggregate temporary makes LLVM carry one
/// value per call site around the dispatch loop.) Out of line: inside the loop it is
/// rare.
#[cold]
#[inline(never)]
fn refuel(env: &mut Env) -> u32 {
    take_fuel(env)
}

/// [`refuel`]'s body, inlined where a run starts: every call from the host starts
/// without fuel.
#[inline(always)]
fn take_fuel(env: &mut Env) -> u32 {
    // A plain load first: the locked swap is only paid when an interrupt is pending.
    if env.interrupt.load(std::sync::atomic::Ordering::Relaxed)
        && env
            .interrupt
            .swap(false, std::sync::atomic::Ordering::Relaxed)
    {
        return 0;
    }
    match &mut env.steps_left {
        None => CHUNK as u32,
        Some(n) => {
            let take = (*n).min(CHUNK);
            *n -= take;
            take as u32
        }
    }
}

/// Writes `v` unaligned at `p` (the width is `T`'s).
///
/// # Safety
/// `p .. p + size_of::<T>()` is writable.
#[inline(always)]
unsafe fn write_at<T>(p: *mut u8, v: T) {
    // SAFETY: forwarded contract.
    unsafe { (p as *mut T).write_unaligned(v) }
}

fn f32_of(v: u64) -> f32 {
    f32::from_bits(v as u32)
}

fn of_f32(x: f32) -> u64 {
    x.to_bits() as u64
}

fn f64_of(v: u64) -> f64 {
    f64::from_bits(v)
}

fn of_f64(x: f64) -> u64 {
    x.to_bits()
}

fn text_of(op: &Op, v: u64) -> fmt::Text {
    match op {
        Op::AppendI32 { .. } | Op::TextI32 { .. } => fmt::int(v as i32 as i64),
        Op::AppendU32 { .. } | Op::TextU32 { .. } => fmt::uint(v as u32 as u64),
        Op::AppendI64 { .. } | Op::TextI64 { .. } => fmt::int(v as i64),
        Op::AppendU64 { .. } | Op::TextU64 { .. } => fmt::uint(v),
        Op::AppendF32 { .. } | Op::TextF32 { .. } => fmt::fixed(f32_of(v) as f64, 6),
        _ => fmt::fixed(f64_of(v), 6),
    }
}

impl VmBackend {
    /// The first register a new call from the host may use: above the arguments of
    /// the innermost host function running, or 0.
    pub(super) fn top_of_stack(&self) -> usize {
        self.active_top
    }

    /// Builds the backtrace of a fault at `pc` of function `fi` and unwinds to `depth`.
    #[cold]
    pub(super) fn trap(&mut self, fi: usize, pc: usize, fault: Fault, depth: usize) -> Trap {
        let trace = self.raw_trace(fi, pc, depth);
        self.frames.truncate(depth);
        Trap::fault(fault, self.render_trace(&trace))
    }

    /// Runs function `fi` with its frame at register `base`
    /// until the call at frame depth `depth` returns. Host functions are called in
    /// place through `hook`.
    ///
    /// # Safety
    /// `this` and `env` were derived from `hook.data` by `hook.reborrow` just now, and
    /// nothing else refers to the VM or the `Env` while the run lasts, except the host
    /// functions it calls through `hook` (which get the whole context).
    // `!(x < y)` is deliberate: it is true for NaN, which `x >= y` is not.
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    pub(super) unsafe fn run(
        this: *mut VmBackend,
        env: *mut Env,
        hook: &HostHook,
        fi: usize,
        base: usize,
        obase: usize,
        depth: usize,
    ) -> Result<u64, Trap> {
        // Plain (unprotected) reborrows, replaced after each host call: the host may use
        // the whole context meanwhile, so no reference into it is used across that call.
        // SAFETY: per the contract above.
        let mut vm: &mut VmBackend = unsafe { &mut *this };
        // SAFETY: as above.
        let mut env: &mut Env = unsafe { &mut *env };
        let regs_len = vm.regs.len();
        let mut regs_ptr = vm.regs.as_mut_ptr();
        let mut fi = fi;
        let mut base = base;
        let (mut code, mut osize): (*const Op, usize) =
            match vm.funcs.get(fi).and_then(|f| f.as_ref()) {
                Some(f) => (f.code.as_ptr(), f.obj_size as usize),
                None => {
                    return Err(vm.trap(fi, 0, Fault::runtime("function has no code"), depth));
                }
            };
        // Object storage of the frames grows through the stack region of VM memory.
        let mut obase = obase;
        let stack_end = vm.mem.stack_region().1 as usize;
        if obase + osize > stack_end {
            return Err(vm.trap(fi, 0, Fault::stack_overflow(), depth));
        }
        // `ip` points at the next instruction; `pc` values are instruction indices.
        let mut ip: *const Op = code;
        // SAFETY (for every `r!` below): `base + frame_size <= regs_len` was checked by the
        // caller of `run` or by the `Call` that entered this frame, and the verifier
        // checked that every register operand is below the frame size.
        let mut regs: *mut u64 = unsafe { regs_ptr.add(base) };
        // Work recorded outside the interpreter (by the host) is not the script's.
        vm.mem.clear_work();
        // Fuel left over from the last run (a host call in between) carries on.
        let mut fuel: u32 = env.fuel;
        if fuel == 0 {
            fuel = take_fuel(env);
            if fuel == 0 {
                return Err(Trap::Interrupted);
            }
        }

        macro_rules! r {
            ($x:expr) => {
                *regs.add($x.0 as usize)
            };
        }
        // Raising leaves the dispatch loop with the pc and what is raised; the code after
        // the loop finds the landing pad (or ends the call).
        macro_rules! fail {
            ($fault:expr) => {{
                let pc = ip.offset_from(code) as usize - 1;
                break (pc, Raise::Fault($fault));
            }};
        }
        macro_rules! tick {
            () => {
                fuel -= 1;
                if fuel == 0 {
                    fuel = refuel(env);
                    if fuel == 0 {
                        vm.frames.truncate(depth);
                        env.fuel = 0;
                        return Err(Trap::Interrupted);
                    }
                }
            };
        }
        // `n` steps at once (work proportional to a length); at least one is left after.
        macro_rules! charge {
            ($n:expr) => {{
                let mut n: u64 = $n;
                while n >= fuel as u64 {
                    n -= fuel as u64;
                    fuel = refuel(env);
                    if fuel == 0 {
                        vm.frames.truncate(depth);
                        env.fuel = 0;
                        return Err(Trap::Interrupted);
                    }
                }
                fuel -= n as u32;
            }};
        }
        // Charges the work recorded by the instruction that just ran (`Memory::add_work`).
        macro_rules! charge_work {
            () => {{
                let n = vm.mem.take_work_steps();
                if n > 0 {
                    charge!(n);
                }
            }};
        }
        // `ip` is set before the step check so that the shared slow path of `tick!`
        // needs no per-jump value (otherwise LLVM keeps every target alive around the
        // dispatch loop).
        macro_rules! jump {
            ($t:expr) => {{
                let from = ip;
                ip = code.add($t.0 as usize);
                if ip < from {
                    tick!();
                }
            }};
        }
        macro_rules! ret {
            () => {{
                if vm.frames.len() == depth {
                    env.fuel = fuel;
                    return Ok(*regs);
                }
                let fr = vm.frames.pop().expect("a caller frame");
                continue_in!(
                    fr.func as usize,
                    fr.pc as usize,
                    fr.base as usize,
                    fr.obase as usize
                );
            }};
        }
        // Continues in function `$fi` at instruction `$pc` with its frame at `$base`
        // (a return to a caller, or a landing pad found by unwinding).
        macro_rules! continue_in {
            ($fi:expr, $pc:expr, $base:expr, $obase:expr) => {{
                fi = $fi;
                let f = vm.funcs[fi].as_ref().expect("a function with code");
                code = f.code.as_ptr();
                osize = f.obj_size as usize;
                ip = code.add($pc);
                base = $base;
                obase = $obase;
                regs = regs_ptr.add(base);
            }};
        }
        // Whether callee `$cf`'s frame fits at `$new_base` / `$new_obase`.
        macro_rules! frame_fits {
            ($cf:expr, $new_base:expr, $new_obase:expr) => {
                $new_base + $cf.frame_size as usize <= regs_len
                    && $new_obase + $cf.obj_size as usize <= stack_end
                    && vm.frames.len() - depth < vm.max_depth
            };
        }
        // Calls function `$callee` (`$cf`) with its frame at `$new_base` / `$new_obase`.
        macro_rules! enter {
            ($callee:expr, $cf:expr, $new_base:expr, $new_obase:expr) => {{
                vm.frames.push(Frame {
                    func: fi as u32,
                    pc: ip.offset_from(code) as u32,
                    base: base as u32,
                    obase: obase as u32,
                });
                fi = $callee;
                code = $cf.code.as_ptr();
                osize = $cf.obj_size as usize;
                ip = code;
                base = $new_base;
                obase = $new_obase;
                regs = regs_ptr.add(base);
            }};
        }
        macro_rules! bin32 {
            ($d:expr, $a:expr, $b:expr, $f:expr) => {{
                let x = r!($a) as u32;
                let y = r!($b) as u32;
                r!($d) = ($f)(x, y) as u64;
            }};
        }
        macro_rules! bin64 {
            ($d:expr, $a:expr, $b:expr, $f:expr) => {{
                let x = r!($a);
                let y = r!($b);
                r!($d) = ($f)(x, y);
            }};
        }
        macro_rules! binf32 {
            ($d:expr, $a:expr, $b:expr, $f:expr) => {{
                let x = f32_of(r!($a));
                let y = f32_of(r!($b));
                r!($d) = of_f32(($f)(x, y));
            }};
        }
        macro_rules! binf64 {
            ($d:expr, $a:expr, $b:expr, $f:expr) => {{
                let x = f64_of(r!($a));
                let y = f64_of(r!($b));
                r!($d) = of_f64(($f)(x, y));
            }};
        }
        macro_rules! un {
            ($d:expr, $s:expr, $f:expr) => {{
                let v = r!($s);
                r!($d) = ($f)(v);
            }};
        }
        macro_rules! cmp {
            ($d:expr, $a:expr, $b:expr, $conv:expr, $rel:tt) => {{
                let x = ($conv)(r!($a));
                let y = ($conv)(r!($b));
                r!($d) = (x $rel y) as u64;
            }};
        }
        macro_rules! jcmp {
            ($a:expr, $b:expr, $t:expr, $conv:expr, $rel:tt) => {{
                let x = ($conv)(r!($a));
                let y = ($conv)(r!($b));
                if x $rel y {
                    jump!($t);
                }
            }};
        }
        macro_rules! jncmp {
            ($a:expr, $b:expr, $t:expr, $conv:expr, $rel:tt) => {{
                let x = ($conv)(r!($a));
                let y = ($conv)(r!($b));
                if !(x $rel y) {
                    jump!($t);
                }
            }};
        }
        macro_rules! jimm {
            ($a:expr, $imm:expr, $t:expr, $conv:expr, $iconv:expr, $rel:tt) => {{
                let x = ($conv)(r!($a));
                if x $rel ($iconv)($imm) {
                    jump!($t);
                }
            }};
        }
        macro_rules! load {
            ($d:expr, $addr:expr, $ty:ty, $ext:expr) => {{
                // SAFETY: the verifier checked `addr + 8 <= memory length`; memory never
                // shrinks, and the pointer is re-read because growth may move it.
                let p = vm.mem.ptr().add($addr.0 as usize) as *const $ty;
                r!($d) = ($ext)(p.read_unaligned());
            }};
        }
        // Array fast paths: the header address and the element range `data .. data +
        // len * size` are checked against VM memory, so even a header overwritten through
        // a stale object reference cannot reach outside the context.
        macro_rules! arr_header {
            ($a:expr, $size:expr) => {{
                let at = r!($a) as usize;
                if at == 0 || at + arrays::HEADER as usize > vm.mem.len() as usize {
                    fail!(Fault::runtime("invalid memory access"));
                }
                let data = mem_read!(at, u32);
                let len = mem_read!(at + 4, u32);
                if data as u64 + len as u64 * $size > vm.mem.len() {
                    fail!(Fault::runtime("invalid memory access"));
                }
                (data, len)
            }};
        }
        // Object fields: `R[a] + off .. + size` must lie in VM memory past the reserved
        // area (addresses come from frames, globals and checked handles).
        macro_rules! field_addr {
            ($a:expr, $off:expr, $size:expr) => {{
                let at = (r!($a) as u32 as u64) + $off.0 as u64;
                if at < crate::runtime::memory::RESERVED as u64 || at + $size > vm.mem.len() {
                    fail!(Fault::runtime("invalid memory access"));
                }
                at as usize
            }};
        }
        macro_rules! mem_read {
            ($at:expr, $ty:ty) => {{
                // SAFETY: within VM memory (header checked above; elements by the
                // runtime's invariant that `data .. data + cap * size` is one block).
                (vm.mem.ptr().add($at) as *const $ty).read_unaligned()
            }};
        }
        macro_rules! mem_write {
            ($at:expr, $v:expr) => {{
                // SAFETY: as for `mem_read!`.
                let p = vm.mem.mut_ptr().add($at);
                write_at(p, $v);
            }};
        }
        macro_rules! store {
            ($s:expr, $addr:expr, $ty:ty) => {{
                // SAFETY: as for `load!`.
                let p = vm.mem.mut_ptr().add($addr.0 as usize) as *mut $ty;
                p.write_unaligned(r!($s) as $ty);
            }};
        }

        let s32 = |v: u64| v as i32;
        let u32_ = |v: u64| v as u32;
        let s64 = |v: u64| v as i64;
        let u64_ = |v: u64| v;
        let i32imm = |i: i32| i;
        let u32imm = |i: i32| i as u32;
        let i64imm = |i: i32| i as i64;
        let u64imm = |i: i32| i as i64 as u64;

        // SAFETY: see the comments at `regs`, `load!` and `store!`; `code` points into a
        // verified function whose last instruction cannot fall through, and every jump
        // target was checked to be inside it.
        unsafe {
            loop {
                let (pc, raised) = loop {
                    // Matching through a reference makes each arm load only its own fields;
                    // copying the whole instruction first makes LLVM carry every variant's
                    // fields around the loop.
                    let op = &*ip;
                    ip = ip.add(1);
                    match *op {
                        Op::Mov { d, s } => r!(d) = r!(s),
                        Op::LoadI { d, imm } => r!(d) = imm as i64 as u64,
                        Op::LoadK { d, k } => r!(d) = *vm.consts.get_unchecked(k.0 as usize),

                        Op::AddI32 { d, a, b } => {
                            bin32!(d, a, b, |x: u32, y: u32| x.wrapping_add(y))
                        }
                        Op::SubI32 { d, a, b } => {
                            bin32!(d, a, b, |x: u32, y: u32| x.wrapping_sub(y))
                        }
                        Op::MulI32 { d, a, b } => {
                            bin32!(d, a, b, |x: u32, y: u32| x.wrapping_mul(y))
                        }
                        Op::DivS32 { d, a, b } => {
                            let y = r!(b) as i32;
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = (r!(a) as i32).wrapping_div(y) as u32 as u64;
                        }
                        Op::DivU32 { d, a, b } => {
                            let y = r!(b) as u32;
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = ((r!(a) as u32) / y) as u64;
                        }
                        Op::RemS32 { d, a, b } => {
                            let y = r!(b) as i32;
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = (r!(a) as i32).wrapping_rem(y) as u32 as u64;
                        }
                        Op::RemU32 { d, a, b } => {
                            let y = r!(b) as u32;
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = ((r!(a) as u32) % y) as u64;
                        }
                        Op::AndI32 { d, a, b } => bin32!(d, a, b, |x: u32, y: u32| x & y),
                        Op::OrI32 { d, a, b } => bin32!(d, a, b, |x: u32, y: u32| x | y),
                        Op::XorI32 { d, a, b } => bin32!(d, a, b, |x: u32, y: u32| x ^ y),
                        Op::ShlI32 { d, a, b } => bin32!(d, a, b, |x: u32, y: u32| x << (y & 31)),
                        Op::ShrS32 { d, a, b } => {
                            bin32!(d, a, b, |x: u32, y: u32| ((x as i32) >> (y & 31)) as u32)
                        }
                        Op::ShrU32 { d, a, b } => bin32!(d, a, b, |x: u32, y: u32| x >> (y & 31)),
                        Op::AddImmI32 { d, a, imm } => {
                            r!(d) = (r!(a) as u32).wrapping_add(imm as u32) as u64
                        }

                        Op::AddI64 { d, a, b } => {
                            bin64!(d, a, b, |x: u64, y: u64| x.wrapping_add(y))
                        }
                        Op::SubI64 { d, a, b } => {
                            bin64!(d, a, b, |x: u64, y: u64| x.wrapping_sub(y))
                        }
                        Op::MulI64 { d, a, b } => {
                            bin64!(d, a, b, |x: u64, y: u64| x.wrapping_mul(y))
                        }
                        Op::DivS64 { d, a, b } => {
                            let y = r!(b) as i64;
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = (r!(a) as i64).wrapping_div(y) as u64;
                        }
                        Op::DivU64 { d, a, b } => {
                            let y = r!(b);
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = r!(a) / y;
                        }
                        Op::RemS64 { d, a, b } => {
                            let y = r!(b) as i64;
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = (r!(a) as i64).wrapping_rem(y) as u64;
                        }
                        Op::RemU64 { d, a, b } => {
                            let y = r!(b);
                            if y == 0 {
                                fail!(Fault::division_by_zero());
                            }
                            r!(d) = r!(a) % y;
                        }
                        Op::AndI64 { d, a, b } => bin64!(d, a, b, |x: u64, y: u64| x & y),
                        Op::OrI64 { d, a, b } => bin64!(d, a, b, |x: u64, y: u64| x | y),
                        Op::XorI64 { d, a, b } => bin64!(d, a, b, |x: u64, y: u64| x ^ y),
                        Op::ShlI64 { d, a, b } => bin64!(d, a, b, |x: u64, y: u64| x << (y & 63)),
                        Op::ShrS64 { d, a, b } => {
                            bin64!(d, a, b, |x: u64, y: u64| ((x as i64) >> (y & 63)) as u64)
                        }
                        Op::ShrU64 { d, a, b } => bin64!(d, a, b, |x: u64, y: u64| x >> (y & 63)),
                        Op::AddImmI64 { d, a, imm } => {
                            r!(d) = r!(a).wrapping_add(imm as i64 as u64)
                        }

                        Op::AddF32 { d, a, b } => binf32!(d, a, b, |x: f32, y: f32| x + y),
                        Op::SubF32 { d, a, b } => binf32!(d, a, b, |x: f32, y: f32| x - y),
                        Op::MulF32 { d, a, b } => binf32!(d, a, b, |x: f32, y: f32| x * y),
                        Op::DivF32 { d, a, b } => binf32!(d, a, b, |x: f32, y: f32| x / y),
                        Op::RemF32 { d, a, b } => binf32!(d, a, b, |x: f32, y: f32| x % y),
                        Op::AddF64 { d, a, b } => binf64!(d, a, b, |x: f64, y: f64| x + y),
                        Op::SubF64 { d, a, b } => binf64!(d, a, b, |x: f64, y: f64| x - y),
                        Op::MulF64 { d, a, b } => binf64!(d, a, b, |x: f64, y: f64| x * y),
                        Op::DivF64 { d, a, b } => binf64!(d, a, b, |x: f64, y: f64| x / y),
                        Op::RemF64 { d, a, b } => binf64!(d, a, b, |x: f64, y: f64| x % y),

                        Op::NegI32 { d, s } => un!(d, s, |v: u64| (v as u32).wrapping_neg() as u64),
                        Op::NegI64 { d, s } => un!(d, s, |v: u64| v.wrapping_neg()),
                        Op::NegF32 { d, s } => un!(d, s, |v: u64| of_f32(-f32_of(v))),
                        Op::NegF64 { d, s } => un!(d, s, |v: u64| of_f64(-f64_of(v))),
                        Op::NotBool { d, s } => un!(d, s, |v: u64| (v as u32 ^ 1) as u64),
                        Op::NotI32 { d, s } => un!(d, s, |v: u64| (!(v as u32)) as u64),
                        Op::NotI64 { d, s } => un!(d, s, |v: u64| !v),
                        Op::SextI8 { d, s } => un!(d, s, |v: u64| v as i8 as i32 as u32 as u64),
                        Op::ZextI8 { d, s } => un!(d, s, |v: u64| v as u8 as u64),
                        Op::SextI16 { d, s } => un!(d, s, |v: u64| v as i16 as i32 as u32 as u64),
                        Op::ZextI16 { d, s } => un!(d, s, |v: u64| v as u16 as u64),
                        Op::SextI32 { d, s } => un!(d, s, |v: u64| v as i32 as i64 as u64),
                        Op::ZextI32 { d, s } => un!(d, s, |v: u64| v as u32 as u64),
                        Op::WrapI64 { d, s } => un!(d, s, |v: u64| v as u32 as u64),
                        Op::I32ToF32 { d, s } => un!(d, s, |v: u64| of_f32(v as i32 as f32)),
                        Op::U32ToF32 { d, s } => un!(d, s, |v: u64| of_f32(v as u32 as f32)),
                        Op::I64ToF32 { d, s } => un!(d, s, |v: u64| of_f32(v as i64 as f32)),
                        Op::U64ToF32 { d, s } => un!(d, s, |v: u64| of_f32(v as f32)),
                        Op::I32ToF64 { d, s } => un!(d, s, |v: u64| of_f64(v as i32 as f64)),
                        Op::U32ToF64 { d, s } => un!(d, s, |v: u64| of_f64(v as u32 as f64)),
                        Op::I64ToF64 { d, s } => un!(d, s, |v: u64| of_f64(v as i64 as f64)),
                        Op::U64ToF64 { d, s } => un!(d, s, |v: u64| of_f64(v as f64)),
                        Op::F32ToI64 { d, s } => un!(d, s, |v: u64| f32_of(v) as i64 as u64),
                        Op::F32ToU64 { d, s } => un!(d, s, |v: u64| {
                            let x = f32_of(v);
                            if x >= 0.0 { x as u64 } else { x as i64 as u64 }
                        }),
                        Op::F64ToI64 { d, s } => un!(d, s, |v: u64| f64_of(v) as i64 as u64),
                        Op::F64ToU64 { d, s } => un!(d, s, |v: u64| {
                            let x = f64_of(v);
                            if x >= 0.0 { x as u64 } else { x as i64 as u64 }
                        }),
                        Op::F32ToF64 { d, s } => un!(d, s, |v: u64| of_f64(f32_of(v) as f64)),
                        Op::F64ToF32 { d, s } => un!(d, s, |v: u64| of_f32(f64_of(v) as f32)),
                        Op::I32ToBool { d, s } => un!(d, s, |v: u64| (v as u32 != 0) as u64),
                        Op::I64ToBool { d, s } => un!(d, s, |v: u64| (v != 0) as u64),
                        Op::F32ToBool { d, s } => un!(d, s, |v: u64| (f32_of(v) != 0.0) as u64),
                        Op::F64ToBool { d, s } => un!(d, s, |v: u64| (f64_of(v) != 0.0) as u64),

                        Op::EqI32 { d, a, b } => cmp!(d, a, b, u32_, ==),
                        Op::NeI32 { d, a, b } => cmp!(d, a, b, u32_, !=),
                        Op::LtS32 { d, a, b } => cmp!(d, a, b, s32, <),
                        Op::LeS32 { d, a, b } => cmp!(d, a, b, s32, <=),
                        Op::LtU32 { d, a, b } => cmp!(d, a, b, u32_, <),
                        Op::LeU32 { d, a, b } => cmp!(d, a, b, u32_, <=),
                        Op::EqI64 { d, a, b } => cmp!(d, a, b, u64_, ==),
                        Op::NeI64 { d, a, b } => cmp!(d, a, b, u64_, !=),
                        Op::LtS64 { d, a, b } => cmp!(d, a, b, s64, <),
                        Op::LeS64 { d, a, b } => cmp!(d, a, b, s64, <=),
                        Op::LtU64 { d, a, b } => cmp!(d, a, b, u64_, <),
                        Op::LeU64 { d, a, b } => cmp!(d, a, b, u64_, <=),
                        Op::EqF32 { d, a, b } => cmp!(d, a, b, f32_of, ==),
                        Op::NeF32 { d, a, b } => cmp!(d, a, b, f32_of, !=),
                        Op::LtF32 { d, a, b } => cmp!(d, a, b, f32_of, <),
                        Op::LeF32 { d, a, b } => cmp!(d, a, b, f32_of, <=),
                        Op::EqF64 { d, a, b } => cmp!(d, a, b, f64_of, ==),
                        Op::NeF64 { d, a, b } => cmp!(d, a, b, f64_of, !=),
                        Op::LtF64 { d, a, b } => cmp!(d, a, b, f64_of, <),
                        Op::LeF64 { d, a, b } => cmp!(d, a, b, f64_of, <=),

                        Op::Jmp { t } => jump!(t),
                        Op::Jnz { c, t } => {
                            if r!(c) as u32 != 0 {
                                jump!(t);
                            }
                        }
                        Op::Jz { c, t } => {
                            if r!(c) as u32 == 0 {
                                jump!(t);
                            }
                        }
                        Op::JEqI32 { a, b, t } => jcmp!(a, b, t, u32_, ==),
                        Op::JNeI32 { a, b, t } => jcmp!(a, b, t, u32_, !=),
                        Op::JLtS32 { a, b, t } => jcmp!(a, b, t, s32, <),
                        Op::JLeS32 { a, b, t } => jcmp!(a, b, t, s32, <=),
                        Op::JLtU32 { a, b, t } => jcmp!(a, b, t, u32_, <),
                        Op::JLeU32 { a, b, t } => jcmp!(a, b, t, u32_, <=),
                        Op::JEqI64 { a, b, t } => jcmp!(a, b, t, u64_, ==),
                        Op::JNeI64 { a, b, t } => jcmp!(a, b, t, u64_, !=),
                        Op::JLtS64 { a, b, t } => jcmp!(a, b, t, s64, <),
                        Op::JLeS64 { a, b, t } => jcmp!(a, b, t, s64, <=),
                        Op::JLtU64 { a, b, t } => jcmp!(a, b, t, u64_, <),
                        Op::JLeU64 { a, b, t } => jcmp!(a, b, t, u64_, <=),
                        Op::JEqF32 { a, b, t } => jcmp!(a, b, t, f32_of, ==),
                        Op::JNeF32 { a, b, t } => jcmp!(a, b, t, f32_of, !=),
                        Op::JLtF32 { a, b, t } => jcmp!(a, b, t, f32_of, <),
                        Op::JLeF32 { a, b, t } => jcmp!(a, b, t, f32_of, <=),
                        Op::JNLtF32 { a, b, t } => jncmp!(a, b, t, f32_of, <),
                        Op::JNLeF32 { a, b, t } => jncmp!(a, b, t, f32_of, <=),
                        Op::JEqF64 { a, b, t } => jcmp!(a, b, t, f64_of, ==),
                        Op::JNeF64 { a, b, t } => jcmp!(a, b, t, f64_of, !=),
                        Op::JLtF64 { a, b, t } => jcmp!(a, b, t, f64_of, <),
                        Op::JLeF64 { a, b, t } => jcmp!(a, b, t, f64_of, <=),
                        Op::JNLtF64 { a, b, t } => jncmp!(a, b, t, f64_of, <),
                        Op::JNLeF64 { a, b, t } => jncmp!(a, b, t, f64_of, <=),

                        Op::JEqImmI32 { a, imm, t } => jimm!(a, imm, t, s32, i32imm, ==),
                        Op::JNeImmI32 { a, imm, t } => jimm!(a, imm, t, s32, i32imm, !=),
                        Op::JLtImmS32 { a, imm, t } => jimm!(a, imm, t, s32, i32imm, <),
                        Op::JLeImmS32 { a, imm, t } => jimm!(a, imm, t, s32, i32imm, <=),
                        Op::JGtImmS32 { a, imm, t } => jimm!(a, imm, t, s32, i32imm, >),
                        Op::JGeImmS32 { a, imm, t } => jimm!(a, imm, t, s32, i32imm, >=),
                        Op::JLtImmU32 { a, imm, t } => jimm!(a, imm, t, u32_, u32imm, <),
                        Op::JLeImmU32 { a, imm, t } => jimm!(a, imm, t, u32_, u32imm, <=),
                        Op::JGtImmU32 { a, imm, t } => jimm!(a, imm, t, u32_, u32imm, >),
                        Op::JGeImmU32 { a, imm, t } => jimm!(a, imm, t, u32_, u32imm, >=),
                        Op::JEqImmI64 { a, imm, t } => jimm!(a, imm, t, s64, i64imm, ==),
                        Op::JNeImmI64 { a, imm, t } => jimm!(a, imm, t, s64, i64imm, !=),
                        Op::JLtImmS64 { a, imm, t } => jimm!(a, imm, t, s64, i64imm, <),
                        Op::JLeImmS64 { a, imm, t } => jimm!(a, imm, t, s64, i64imm, <=),
                        Op::JGtImmS64 { a, imm, t } => jimm!(a, imm, t, s64, i64imm, >),
                        Op::JGeImmS64 { a, imm, t } => jimm!(a, imm, t, s64, i64imm, >=),
                        Op::JLtImmU64 { a, imm, t } => jimm!(a, imm, t, u64_, u64imm, <),
                        Op::JLeImmU64 { a, imm, t } => jimm!(a, imm, t, u64_, u64imm, <=),
                        Op::JGtImmU64 { a, imm, t } => jimm!(a, imm, t, u64_, u64imm, >),
                        Op::JGeImmU64 { a, imm, t } => jimm!(a, imm, t, u64_, u64imm, >=),

                        Op::IncJLtS32 { a, b, imm, t } => {
                            let x = (r!(a) as u32).wrapping_add(imm as i32 as u32);
                            r!(a) = x as u64;
                            if (x as i32) < (r!(b) as i32) {
                                jump!(t);
                            }
                        }
                        Op::IncJLeS32 { a, b, imm, t } => {
                            let x = (r!(a) as u32).wrapping_add(imm as i32 as u32);
                            r!(a) = x as u64;
                            if (x as i32) <= (r!(b) as i32) {
                                jump!(t);
                            }
                        }
                        Op::IncJLtU32 { a, b, imm, t } => {
                            let x = (r!(a) as u32).wrapping_add(imm as i32 as u32);
                            r!(a) = x as u64;
                            if x < (r!(b) as u32) {
                                jump!(t);
                            }
                        }
                        Op::IncJLeU32 { a, b, imm, t } => {
                            let x = (r!(a) as u32).wrapping_add(imm as i32 as u32);
                            r!(a) = x as u64;
                            if x <= (r!(b) as u32) {
                                jump!(t);
                            }
                        }
                        Op::IncJLtS64 { a, b, imm, t } => {
                            let x = r!(a).wrapping_add(imm as i64 as u64);
                            r!(a) = x;
                            if (x as i64) < (r!(b) as i64) {
                                jump!(t);
                            }
                        }
                        Op::IncJLeS64 { a, b, imm, t } => {
                            let x = r!(a).wrapping_add(imm as i64 as u64);
                            r!(a) = x;
                            if (x as i64) <= (r!(b) as i64) {
                                jump!(t);
                            }
                        }

                        Op::LoadS8 { d, addr } => {
                            load!(d, addr, i8, |v: i8| v as i32 as u32 as u64)
                        }
                        Op::LoadU8 { d, addr } => load!(d, addr, u8, |v: u8| v as u64),
                        Op::LoadS16 { d, addr } => {
                            load!(d, addr, i16, |v: i16| v as i32 as u32 as u64)
                        }
                        Op::LoadU16 { d, addr } => load!(d, addr, u16, |v: u16| v as u64),
                        Op::Load32 { d, addr } => load!(d, addr, u32, |v: u32| v as u64),
                        Op::Load64 { d, addr } => load!(d, addr, u64, |v: u64| v),
                        Op::Store8 { s, addr } => store!(s, addr, u8),
                        Op::Store16 { s, addr } => store!(s, addr, u16),
                        Op::Store32 { s, addr } => store!(s, addr, u32),
                        Op::Store64 { s, addr } => store!(s, addr, u64),

                        Op::Call { f, base: b } => {
                            tick!();
                            let callee = f.0 as usize;
                            let new_base = base + b.0 as usize;
                            let Some(cf) = vm.funcs.get(callee).and_then(|x| x.as_ref()) else {
                                fail!(Fault::runtime("call of a function without code"));
                            };
                            if cf.host {
                                let nargs = cf.frame_size as usize;
                                if new_base + nargs > regs_len || nargs > HOST_ARGS {
                                    fail!(Fault::stack_overflow());
                                }
                                // A private copy: nested calls of the host reuse the
                                // stack. Uninitialised beyond `nargs`, and copied by an
                                // element loop: both beat a memset and a memcpy call for
                                // a handful of slots.
                                let mut args = [std::mem::MaybeUninit::<u64>::uninit(); HOST_ARGS];
                                for (i, a) in args.iter_mut().enumerate().take(nargs) {
                                    a.write(*regs_ptr.add(new_base + i));
                                }
                                // The first `nargs` slots were written just above.
                                let args =
                                    std::slice::from_raw_parts(args.as_ptr() as *const u64, nargs);
                                // The caller's frame stays on the stack for nested calls'
                                // depth limit and backtraces, which start above it.
                                vm.frames.push(Frame {
                                    func: fi as u32,
                                    pc: ip.offset_from(code) as u32,
                                    base: base as u32,
                                    obase: obase as u32,
                                });
                                let outer = (vm.active_top, vm.active_obj_top);
                                vm.active_top = new_base + nargs;
                                vm.active_obj_top = obase + osize;
                                env.fuel = fuel;
                                let result = (hook.call)(hook.data, FuncId(callee as u32), args);
                                // The host may have used the whole context (a nested call,
                                // a new module): derive the VM, the Env and the register
                                // pointers afresh.
                                let (t, e) = (hook.reborrow)(hook.data);
                                vm = &mut *(t as *mut VmBackend);
                                env = &mut *e;
                                regs_ptr = vm.regs.as_mut_ptr();
                                regs = regs_ptr.add(base);
                                vm.frames.pop();
                                (vm.active_top, vm.active_obj_top) = outer;
                                // Work recorded by the host is not the script's.
                                vm.mem.clear_work();
                                fuel = env.fuel;
                                match result {
                                    Ok(v) => *regs_ptr.add(new_base) = v,
                                    Err(fault) if fault.code == Fault::INTERRUPTED => {
                                        // Not an exception: the whole call stops.
                                        vm.frames.truncate(depth);
                                        env.fuel = 0;
                                        return Err(Trap::Interrupted);
                                    }
                                    // Raised at the call instruction.
                                    Err(fault) => fail!(fault),
                                }
                                if fuel == 0 {
                                    fuel = refuel(env);
                                    if fuel == 0 {
                                        vm.frames.truncate(depth);
                                        return Err(Trap::Interrupted);
                                    }
                                }
                                continue;
                            }
                            let new_obase = obase + osize;
                            if !frame_fits!(cf, new_base, new_obase) {
                                fail!(Fault::stack_overflow());
                            }
                            enter!(callee, cf, new_base, new_obase);
                        }
                        Op::CallBuiltin { b, base: bb } => {
                            let builtin = builtins::ALL[b.0 as usize];
                            let arity = builtin.signature().0.len().max(1);
                            let args =
                                std::slice::from_raw_parts_mut(regs.add(bb.0 as usize), arity);
                            if let Err(fault) = builtins::call(builtin, &mut vm.mem, env, args) {
                                fail!(fault);
                            }
                            charge_work!();
                        }
                        Op::Ret { s } => {
                            *regs = r!(s);
                            ret!();
                        }
                        Op::RetVoid {} => ret!(),

                        Op::StrShare { d, s } => {
                            let v = r!(s);
                            strings::retain(&mut vm.mem, v as u32);
                            r!(d) = v;
                        }
                        Op::StrRelease { s } => strings::release(&mut vm.mem, r!(s) as u32),
                        Op::AppendStr { s, v } => {
                            match strings::append_string(&mut vm.mem, r!(s) as u32, r!(v) as u32) {
                                Ok(n) => r!(s) = n as u64,
                                Err(f) => fail!(f),
                            }
                            charge_work!();
                        }
                        Op::AppendBool { s, v } => {
                            let text: &[u8] = if r!(v) as u32 != 0 { b"true" } else { b"false" };
                            match strings::append_bytes(&mut vm.mem, r!(s) as u32, text) {
                                Ok(n) => r!(s) = n as u64,
                                Err(f) => fail!(f),
                            }
                            charge_work!();
                        }
                        Op::AppendI32 { s, v }
                        | Op::AppendU32 { s, v }
                        | Op::AppendI64 { s, v }
                        | Op::AppendU64 { s, v }
                        | Op::AppendF32 { s, v }
                        | Op::AppendF64 { s, v } => {
                            let text = text_of(op, r!(v));
                            match strings::append_bytes(&mut vm.mem, r!(s) as u32, text.as_bytes())
                            {
                                Ok(n) => r!(s) = n as u64,
                                Err(f) => fail!(f),
                            }
                            charge_work!();
                        }
                        Op::TextBool { d, s } => {
                            let text: &[u8] = if r!(s) as u32 != 0 { b"true" } else { b"false" };
                            match strings::new(&mut vm.mem, text) {
                                Ok(n) => r!(d) = n as u64,
                                Err(f) => fail!(f),
                            }
                            charge_work!();
                        }
                        Op::TextI32 { d, s }
                        | Op::TextU32 { d, s }
                        | Op::TextI64 { d, s }
                        | Op::TextU64 { d, s }
                        | Op::TextF32 { d, s }
                        | Op::TextF64 { d, s } => {
                            let text = text_of(op, r!(s));
                            match strings::new(&mut vm.mem, text.as_bytes()) {
                                Ok(n) => r!(d) = n as u64,
                                Err(f) => fail!(f),
                            }
                            charge_work!();
                        }
                        Op::FrameAddr { d, off } => r!(d) = (obase + off.0 as usize) as u64,
                        Op::ObjZero { a, size } => {
                            let at = r!(a) as u32;
                            if !vm.mem.contains(at, size.0) {
                                fail!(Fault::runtime("invalid memory access"));
                            }
                            vm.mem.bytes_mut()[at as usize..(at + size.0) as usize].fill(0);
                        }
                        Op::FieldS8 { d, a, off } => {
                            let at = field_addr!(a, off, 1);
                            r!(d) = mem_read!(at, i8) as i32 as u32 as u64;
                        }
                        Op::FieldU8 { d, a, off } => {
                            let at = field_addr!(a, off, 1);
                            r!(d) = mem_read!(at, u8) as u64;
                        }
                        Op::FieldS16 { d, a, off } => {
                            let at = field_addr!(a, off, 2);
                            r!(d) = mem_read!(at, i16) as i32 as u32 as u64;
                        }
                        Op::FieldU16 { d, a, off } => {
                            let at = field_addr!(a, off, 2);
                            r!(d) = mem_read!(at, u16) as u64;
                        }
                        Op::Field32 { d, a, off } => {
                            let at = field_addr!(a, off, 4);
                            r!(d) = mem_read!(at, u32) as u64;
                        }
                        Op::Field64 { d, a, off } => {
                            let at = field_addr!(a, off, 8);
                            r!(d) = mem_read!(at, u64);
                        }
                        Op::SetField8 { s, a, off } => {
                            let at = field_addr!(a, off, 1);
                            mem_write!(at, r!(s) as u8);
                        }
                        Op::SetField16 { s, a, off } => {
                            let at = field_addr!(a, off, 2);
                            mem_write!(at, r!(s) as u16);
                        }
                        Op::SetField32 { s, a, off } => {
                            let at = field_addr!(a, off, 4);
                            mem_write!(at, r!(s) as u32);
                        }
                        Op::SetField64 { s, a, off } => {
                            let at = field_addr!(a, off, 8);
                            mem_write!(at, r!(s));
                        }
                        Op::AddrOff { d, a, off } => {
                            r!(d) = (r!(a) as u32).wrapping_add(off.0) as u64
                        }
                        Op::HandleNew { d, size } => match vm.mem.alloc(size.0) {
                            Ok(at) => r!(d) = vm.mem.handle_of(at),
                            Err(f) => fail!(f),
                        },
                        Op::HandleDeref { d, h } => {
                            let handle = r!(h);
                            if handle == 0 {
                                fail!(Fault::runtime("null object access"));
                            }
                            match vm.mem.handle_target(handle) {
                                Ok(at) => r!(d) = at as u64,
                                Err(f) => fail!(f),
                            }
                        }
                        Op::Math { d, a, b, code } => {
                            let v = builtins::math::eval(code, r!(a), r!(b), &mut vm.rng);
                            if code / 8 != builtins::math::SEED_ROW {
                                r!(d) = v;
                            }
                        }
                        Op::Slots { d, a, b, code } => {
                            let size = code.0 >> 4;
                            let (x, y) = (r!(a), r!(b));
                            let arr = x as u32;
                            let result = match crate::ir::SlotOp::from_code(code.0 & 15) {
                                Some(crate::ir::SlotOp::Addr) => {
                                    arrays::slot(&vm.mem, arr, y as i64, size).map(Some)
                                }
                                Some(crate::ir::SlotOp::Push) => {
                                    arrays::push_slot(&mut vm.mem, arr, size).map(Some)
                                }
                                Some(crate::ir::SlotOp::Insert) => arrays::insert_slot(
                                    &mut vm.mem,
                                    arr,
                                    y as u32 as i32 as i64,
                                    size,
                                )
                                .map(Some),
                                Some(crate::ir::SlotOp::Remove) => arrays::remove_slot(
                                    &mut vm.mem,
                                    arr,
                                    y as u32 as i32 as i64,
                                    size,
                                )
                                .map(|_| None),
                                Some(crate::ir::SlotOp::PopInto) => {
                                    arrays::pop_into(&mut vm.mem, arr, y as u32, size).map(|_| None)
                                }
                                Some(crate::ir::SlotOp::Truncate) => {
                                    arrays::truncate(&mut vm.mem, arr, y as u32, size).map(|_| None)
                                }
                                Some(crate::ir::SlotOp::Reserve) => {
                                    arrays::reserve_slots(&mut vm.mem, arr, y as u32, size)
                                        .map(|_| None)
                                }
                                Some(crate::ir::SlotOp::Free) => {
                                    arrays::free_slots(&mut vm.mem, arr);
                                    Ok(None)
                                }
                                None => Err(Fault::runtime("invalid memory access")),
                            };
                            match result {
                                Ok(Some(at)) => r!(d) = at as u64,
                                Ok(None) => {}
                                Err(f) => fail!(f),
                            }
                            charge_work!();
                        }
                        Op::SqrtF64 { d, s } => r!(d) = of_f64(f64_of(r!(s)).sqrt()),
                        Op::SqrtF32 { d, s } => r!(d) = of_f32(f32_of(r!(s)).sqrt()),
                        Op::HandleFree { h } => match vm.mem.handle_target(r!(h)) {
                            Ok(at) => vm.mem.free(at),
                            Err(f) => fail!(f),
                        },
                        Op::ArrGet32I { d, a, i } => {
                            let (data, len) = arr_header!(a, 4);
                            let idx = r!(i) as i32 as i64 as u64;
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            r!(d) = mem_read!(data as usize + idx as usize * 4, u32) as u64;
                        }
                        Op::ArrGet64I { d, a, i } => {
                            let (data, len) = arr_header!(a, 8);
                            let idx = r!(i) as i32 as i64 as u64;
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            r!(d) = mem_read!(data as usize + idx as usize * 8, u64);
                        }
                        Op::ArrSet32I { a, i, v } => {
                            let (data, len) = arr_header!(a, 4);
                            let idx = r!(i) as i32 as i64 as u64;
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            mem_write!(data as usize + idx as usize * 4, r!(v) as u32);
                        }
                        Op::ArrSet64I { a, i, v } => {
                            let (data, len) = arr_header!(a, 8);
                            let idx = r!(i) as i32 as i64 as u64;
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            mem_write!(data as usize + idx as usize * 8, r!(v));
                        }
                        Op::ArrGet32 { d, a, i } => {
                            let (data, len) = arr_header!(a, 4);
                            let idx = r!(i);
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            r!(d) = mem_read!(data as usize + idx as usize * 4, u32) as u64;
                        }
                        Op::ArrGet64 { d, a, i } => {
                            let (data, len) = arr_header!(a, 8);
                            let idx = r!(i);
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            r!(d) = mem_read!(data as usize + idx as usize * 8, u64);
                        }
                        Op::ArrSet32 { a, i, v } => {
                            let (data, len) = arr_header!(a, 4);
                            let idx = r!(i);
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            mem_write!(data as usize + idx as usize * 4, r!(v) as u32);
                        }
                        Op::ArrSet64 { a, i, v } => {
                            let (data, len) = arr_header!(a, 8);
                            let idx = r!(i);
                            if idx >= len as u64 {
                                fail!(arrays::index_fault(idx as i64, len));
                            }
                            mem_write!(data as usize + idx as usize * 8, r!(v));
                        }
                        Op::ArrPush32 { a, v } => {
                            if let Err(f) =
                                arrays::push(&mut vm.mem, r!(a) as u32, r!(v), ElemKind::W32)
                            {
                                fail!(f);
                            }
                        }
                        Op::ArrPush64 { a, v } => {
                            let at = r!(a) as usize;
                            let (data, len) = arr_header!(a, 8);
                            let cap = mem_read!(at + 8, u32);
                            if len < cap && data as u64 + (len as u64 + 1) * 8 <= vm.mem.len() {
                                mem_write!(data as usize + len as usize * 8, r!(v));
                                mem_write!(at + 4, len + 1);
                            } else if let Err(f) =
                                arrays::push(&mut vm.mem, at as u32, r!(v), ElemKind::W64)
                            {
                                fail!(f);
                            }
                        }
                        Op::ArrLen { d, a } => match arrays::len(&vm.mem, r!(a) as u32) {
                            Ok(n) => r!(d) = n as u64,
                            Err(f) => fail!(f),
                        },
                        Op::ArrGet { d, a, i, k } => {
                            match arrays::get(
                                &mut vm.mem,
                                r!(a) as u32,
                                r!(i) as i64,
                                ElemKind::from_code(k.0),
                            ) {
                                Ok(v) => r!(d) = v,
                                Err(f) => fail!(f),
                            }
                        }
                        Op::ArrSet { a, i, v, k } => {
                            if let Err(f) = arrays::set(
                                &mut vm.mem,
                                r!(a) as u32,
                                r!(i) as i64,
                                r!(v),
                                ElemKind::from_code(k.0),
                            ) {
                                fail!(f);
                            }
                        }
                        Op::ArrPush { a, v, k } => {
                            if let Err(f) = arrays::push(
                                &mut vm.mem,
                                r!(a) as u32,
                                r!(v),
                                ElemKind::from_code(k.0),
                            ) {
                                fail!(f);
                            }
                        }
                        Op::ArrPop { d, a, k } => {
                            match arrays::pop(&mut vm.mem, r!(a) as u32, ElemKind::from_code(k.0)) {
                                Ok(v) => r!(d) = v,
                                Err(f) => fail!(f),
                            }
                        }
                        Op::ArrInsert { a, i, v, k } => {
                            let i = r!(i) as u32 as i64;
                            if let Err(f) = arrays::insert(
                                &mut vm.mem,
                                r!(a) as u32,
                                i,
                                r!(v),
                                ElemKind::from_code(k.0),
                            ) {
                                fail!(f);
                            }
                            charge_work!();
                        }
                        Op::ArrRemove { a, i, k } => {
                            let i = r!(i) as u32 as i64;
                            if let Err(f) = arrays::remove(
                                &mut vm.mem,
                                r!(a) as u32,
                                i,
                                ElemKind::from_code(k.0),
                            ) {
                                fail!(f);
                            }
                            charge_work!();
                        }
                        Op::ArrClear { a, k } => {
                            if let Err(f) =
                                arrays::clear(&mut vm.mem, r!(a) as u32, ElemKind::from_code(k.0))
                            {
                                fail!(f);
                            }
                            charge_work!();
                        }
                        Op::ArrResize { a, n, k } => {
                            if let Err(f) = arrays::resize(
                                &mut vm.mem,
                                r!(a) as u32,
                                r!(n) as u32,
                                ElemKind::from_code(k.0),
                            ) {
                                fail!(f);
                            }
                            charge_work!();
                        }
                        Op::ArrReserve { a, n, k } => {
                            if let Err(f) = arrays::reserve(
                                &mut vm.mem,
                                r!(a) as u32,
                                r!(n) as u32,
                                ElemKind::from_code(k.0),
                            ) {
                                fail!(f);
                            }
                            charge_work!();
                        }
                        Op::ArrIndexOf { d, a, v, k } => {
                            match arrays::index_of(
                                &vm.mem,
                                r!(a) as u32,
                                r!(v),
                                ElemKind::from_code(k.0),
                            ) {
                                Ok(i) => r!(d) = i as u64,
                                Err(f) => fail!(f),
                            }
                            charge_work!();
                        }
                        Op::ArrDestroy { a, k } => {
                            arrays::destroy(&mut vm.mem, r!(a) as u32, ElemKind::from_code(k.0));
                            charge_work!();
                        }
                        Op::ArrAssign { a, b, k } => {
                            if let Err(f) = arrays::assign(
                                &mut vm.mem,
                                r!(a) as u32,
                                r!(b) as u32,
                                ElemKind::from_code(k.0),
                            ) {
                                fail!(f);
                            }
                            charge_work!();
                        }
                        Op::StrCmp { d, a, b } => {
                            r!(d) =
                                strings::compare(&vm.mem, r!(a) as u32, r!(b) as u32) as u32 as u64;
                            charge_work!();
                        }

                        // Landing pads are entered by `unwind`, past their `exc.catch`.
                        Op::ExcCatch { .. } => {}
                        Op::ExcIs { d, e, class } => {
                            r!(d) = (vm.mem.read_u32(r!(e) as u32) == class.0) as u64;
                        }
                        Op::ExcTake { e, a, size } => {
                            let block = r!(e) as u32;
                            let at = field_addr!(a, super::opcodes::Off(0), size.0 as u64);
                            let from = block as u64 + unwind::HEADER as u64;
                            if from + size.0 as u64 > vm.mem.len() {
                                fail!(Fault::runtime("invalid memory access"));
                            }
                            vm.mem
                                .bytes_mut()
                                .copy_within(from as usize..from as usize + size.0 as usize, at);
                            vm.forget_exception(block);
                        }
                        Op::ExcObject { d, e } => r!(d) = r!(e) + unwind::HEADER as u64,
                        Op::ExcDrop { base: b } => {
                            let block = (r!(b) as u32).wrapping_sub(unwind::HEADER);
                            let Some(callee) = vm.drop_of(block) else {
                                vm.forget_exception(block);
                                continue;
                            };
                            let cf = vm.funcs[callee].as_ref().expect("a drop function");
                            let new_base = base + b.0 as usize;
                            let new_obase = obase + osize;
                            if !frame_fits!(cf, new_base, new_obase) {
                                // No room to destroy it: free its storage only.
                                vm.forget_exception(block);
                                continue;
                            }
                            enter!(callee, cf, new_base, new_obase);
                        }
                        Op::ExcForget { e } => vm.forget_exception(r!(e) as u32),
                        Op::ExcFreeObject { o } => {
                            vm.forget_exception((r!(o) as u32).wrapping_sub(unwind::HEADER))
                        }
                        Op::Throw { a, size, k } => {
                            let bits = *vm.consts.get_unchecked(k.0 as usize);
                            let pc = ip.offset_from(code) as usize - 1;
                            match vm.new_exception(
                                (bits >> 32) as u32,
                                bits as u32,
                                r!(a) as u32,
                                size.0,
                            ) {
                                Ok(block) => {
                                    vm.record_trace(block, fi, pc, depth);
                                    break (pc, Raise::Block(block));
                                }
                                Err(f) => fail!(f),
                            }
                        }
                        Op::Rethrow { e } => {
                            let pc = ip.offset_from(code) as usize - 1;
                            break (pc, Raise::Block(r!(e) as u32));
                        }
                    }
                };
                // Something was raised at `pc`: find its landing pad, or end the call.
                env.fuel = fuel;
                let block = match raised {
                    Raise::Block(b) => b,
                    Raise::Fault(fault) => match vm.exception_of_fault(&fault) {
                        Some(b) => {
                            vm.record_trace(b, fi, pc, depth);
                            b
                        }
                        None => return Err(vm.trap(fi, pc, fault, depth)),
                    },
                };
                let l = vm.unwind(block, fi, pc, base, obase, depth)?;
                continue_in!(l.fi, l.pc, l.base, l.obase);
            }
        }
    }
}

/// What leaves the dispatch loop to be raised.
enum Raise {
    Fault(Fault),
    /// An exception block (a `throw` or a rethrow).
    Block(u32),
}
