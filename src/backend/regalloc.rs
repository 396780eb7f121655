//! Register allocation: virtual registers to frame slots.
//!
//! Consumes an IR function; produces a slot per vreg, the linear block order, the frame
//! size and, for every call, the slot where its argument block starts. The target is a
//! register machine with [`Backend::gp_count`](super::Backend::gp_count) slots per frame,
//! integer and float values sharing one file, and a Lua-style call convention: a call
//! passes its arguments in consecutive slots `base, base+1, …` which become the callee's
//! slots `0, 1, …`, and the result comes back in slot `base`.
//!
//! The method is linear scan over conservative live intervals: liveness is computed by
//! dataflow over the CFG, each vreg's interval is the hull of every position where it is
//! live, and slots are handed out in position order, lowest free first. Two hints keep
//! moves away from calls: a value whose last use is as argument `i` of a call is placed
//! at the predicted `base + i`, and a call's result is placed at `base`. When a hint
//! fails, the emitter inserts moves. Running out of slots is an implementation limit
//! (E0500), reported by the caller.

use crate::ir::{BlockId, Function, Op, VReg};
use std::collections::HashMap;

/// The result of allocating one function.
#[derive(Debug)]
pub struct Allocation {
    /// Slot of each vreg (vregs of unreachable code keep 0 and are never emitted).
    pub slot: Vec<u16>,
    /// Reachable blocks in emission order; block 0 first.
    pub order: Vec<BlockId>,
    /// Slots the frame needs, including call argument blocks.
    pub frame_size: u32,
    /// Argument base of each call, by (block, instruction index).
    pub call_base: HashMap<(u32, u32), u16>,
}

struct Bits {
    words: Vec<u64>,
}

impl Bits {
    fn new(n: usize) -> Bits {
        Bits {
            words: vec![0; n.div_ceil(64)],
        }
    }
    fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }
    fn get(&self, i: usize) -> bool {
        self.words[i / 64] & (1 << (i % 64)) != 0
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            (0..64)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| wi * 64 + b)
        })
    }
}

fn call_args(op: &Op) -> Option<&[VReg]> {
    match op {
        Op::Call { args, .. } | Op::Builtin { args, .. } => Some(args),
        Op::ExcDrop { object } => Some(std::slice::from_ref(object)),
        _ => None,
    }
}

/// Allocates `f`'s vregs to at most `max_slots` slots; Err names the need when it is more.
pub fn allocate(f: &Function, max_slots: u32) -> Result<Allocation, u32> {
    let nv = f.vregs.len();
    let nb = f.blocks.len();

    // Reachable blocks, in their original (source) order.
    let mut reachable = vec![false; nb];
    let mut stack = vec![0usize];
    while let Some(b) = stack.pop() {
        if std::mem::replace(&mut reachable[b], true) {
            continue;
        }
        for s in f.blocks[b].successors() {
            if !reachable[s.0 as usize] {
                stack.push(s.0 as usize);
            }
        }
    }
    let order: Vec<BlockId> = (0..nb)
        .filter(|&b| reachable[b])
        .map(|b| BlockId(b as u32))
        .collect();

    // Positions: instructions then the terminator; parameters are defined at 0.
    let mut block_start = vec![0u32; nb];
    let mut block_end = vec![0u32; nb];
    let mut pos = 1u32;
    for &b in &order {
        let blk = &f.blocks[b.0 as usize];
        block_start[b.0 as usize] = pos;
        pos += blk.insts.len() as u32;
        block_end[b.0 as usize] = pos;
        pos += 1;
    }

    // Liveness by backward dataflow.
    let mut uses: Vec<Bits> = (0..nb).map(|_| Bits::new(nv)).collect();
    let mut defs: Vec<Bits> = (0..nb).map(|_| Bits::new(nv)).collect();
    for &b in &order {
        let bi = b.0 as usize;
        let blk = &f.blocks[bi];
        for inst in &blk.insts {
            for u in inst.op.uses() {
                if !defs[bi].get(u.0 as usize) {
                    uses[bi].set(u.0 as usize);
                }
            }
            if let Some(d) = inst.op.def() {
                defs[bi].set(d.0 as usize);
            }
        }
        for u in blk.term.uses() {
            if !defs[bi].get(u.0 as usize) {
                uses[bi].set(u.0 as usize);
            }
        }
    }
    let mut live_in: Vec<Bits> = (0..nb).map(|_| Bits::new(nv)).collect();
    let mut live_out: Vec<Bits> = (0..nb).map(|_| Bits::new(nv)).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for &b in order.iter().rev() {
            let bi = b.0 as usize;
            let mut out = Bits::new(nv);
            for s in f.blocks[bi].successors() {
                for (w, x) in out.words.iter_mut().zip(&live_in[s.0 as usize].words) {
                    *w |= x;
                }
            }
            let mut inn = Bits::new(nv);
            for i in 0..inn.words.len() {
                inn.words[i] = uses[bi].words[i] | (out.words[i] & !defs[bi].words[i]);
            }
            // What the landing pad reads must be intact at every instruction of the
            // block, also before a redefinition inside it.
            if let Some(h) = f.blocks[bi].handler {
                for (w, x) in inn.words.iter_mut().zip(&live_in[h.0 as usize].words) {
                    *w |= x;
                }
            }
            if inn.words != live_in[bi].words {
                changed = true;
                live_in[bi] = inn;
            }
            live_out[bi] = out;
        }
    }

    // Hull intervals.
    let mut start = vec![u32::MAX; nv];
    let mut end = vec![0u32; nv];
    let touch = |v: usize, p: u32, start: &mut Vec<u32>, end: &mut Vec<u32>| {
        start[v] = start[v].min(p);
        end[v] = end[v].max(p);
    };
    for &p in &f.params {
        touch(p.0 as usize, 0, &mut start, &mut end);
    }
    let mut arg_hint: Vec<Option<(u32, u32)>> = vec![None; nv];
    let mut calls: Vec<(u32, u32, u32)> = Vec::new();
    for &b in &order {
        let bi = b.0 as usize;
        // From the position before the block: a value live into a block that begins
        // with a call must already hold its slot when the call's base is chosen (a
        // landing pad's exception, defined by a pad placed later, is such a value).
        for v in live_in[bi].iter() {
            touch(v, block_start[bi] - 1, &mut start, &mut end);
        }
        for v in live_out[bi].iter() {
            touch(v, block_end[bi], &mut start, &mut end);
        }
        let blk = &f.blocks[bi];
        for (i, inst) in blk.insts.iter().enumerate() {
            let p = block_start[bi] + i as u32;
            for u in inst.op.uses() {
                touch(u.0 as usize, p, &mut start, &mut end);
            }
            if let Some(d) = inst.op.def() {
                touch(d.0 as usize, p, &mut start, &mut end);
            }
            if let Some(args) = call_args(&inst.op) {
                calls.push((p, bi as u32, i as u32));
                for (k, a) in args.iter().enumerate() {
                    arg_hint[a.0 as usize] = Some((p, k as u32));
                }
            }
        }
        for u in blk.term.uses() {
            touch(u.0 as usize, block_end[bi], &mut start, &mut end);
        }
    }
    // A hint only helps a value that dies at that call.
    for v in 0..nv {
        if let Some((c, _)) = arg_hint[v]
            && end[v] != c
        {
            arg_hint[v] = None;
        }
    }

    // Linear scan.
    let mut slot = vec![0u16; nv];
    let mut assigned = vec![false; nv];
    let mut owner: Vec<Option<usize>> = Vec::new();
    let mut frame = 0u32;
    let mut predicted: HashMap<u32, u32> = HashMap::new();
    let mut call_base = HashMap::new();
    let mut by_start: Vec<usize> = (0..nv).filter(|&v| start[v] != u32::MAX).collect();
    by_start.sort_by_key(|&v| (start[v], v));
    let mut next = 0usize;

    let free_at =
        |owner: &Vec<Option<usize>>, s: usize, p: u32, reuse_dying: bool, end: &Vec<u32>| -> bool {
            match owner.get(s).copied().flatten() {
                None => true,
                Some(o) => end[o] < p || (reuse_dying && end[o] == p),
            }
        };
    let take = |owner: &mut Vec<Option<usize>>, s: usize, v: usize| {
        if owner.len() <= s {
            owner.resize(s + 1, None);
        }
        owner[s] = Some(v);
    };

    for (k, &p) in f.params.iter().enumerate() {
        slot[p.0 as usize] = k as u16;
        assigned[p.0 as usize] = true;
        take(&mut owner, k, p.0 as usize);
        frame = frame.max(k as u32 + 1);
    }

    // Positions of calls and of plain definitions, to know what defines what.
    let mut defined_at: HashMap<u32, VReg> = HashMap::new();
    let mut call_at: HashMap<u32, (u32, u32)> = HashMap::new();
    for &b in &order {
        let bi = b.0 as usize;
        for (i, inst) in f.blocks[bi].insts.iter().enumerate() {
            let p = block_start[bi] + i as u32;
            if let Some(d) = inst.op.def() {
                defined_at.insert(p, d);
            }
            if call_args(&inst.op).is_some() {
                call_at.insert(p, (bi as u32, i as u32));
            }
        }
    }

    let mut events: Vec<u32> = by_start.iter().map(|&v| start[v]).collect();
    events.extend(call_at.keys().copied());
    events.sort_unstable();
    events.dedup();
    for p in events {
        // The call at `p` fixes its argument base before its result is placed.
        if let Some(&(bi, ii)) = call_at.get(&p) {
            let inst = &f.blocks[bi as usize].insts[ii as usize];
            let args = call_args(&inst.op).expect("a call");
            let live_after_max = owner
                .iter()
                .enumerate()
                .filter_map(|(s, o)| {
                    o.filter(|&o| end[o] > p && Some(o) != inst.op.def().map(|d| d.0 as usize))
                        .map(|_| s)
                })
                .max();
            let b_min = live_after_max.map(|s| s as u32 + 1).unwrap_or(0);
            let in_place = !args.is_empty()
                && (slot[args[0].0 as usize] as u32) >= b_min
                && args.iter().enumerate().all(|(i, a)| {
                    slot[a.0 as usize] as u32 == slot[args[0].0 as usize] as u32 + i as u32
                });
            let base = if in_place {
                slot[args[0].0 as usize] as u32
            } else {
                // Moving into `b_min..` is safe unless a target holds another argument.
                let clobbers = (0..args.len()).any(|i| {
                    let t = b_min as usize + i;
                    match owner.get(t).copied().flatten() {
                        Some(o) if end[o] >= p => args
                            .iter()
                            .enumerate()
                            .any(|(j, a)| a.0 as usize == o && j != i),
                        _ => false,
                    }
                });
                if clobbers {
                    let top = owner
                        .iter()
                        .enumerate()
                        .filter_map(|(s, o)| o.filter(|&o| end[o] >= p).map(|_| s))
                        .max();
                    top.map(|s| s as u32 + 1).unwrap_or(0).max(b_min)
                } else {
                    b_min
                }
            };
            call_base.insert((bi, ii), base as u16);
            frame = frame.max(base + (args.len() as u32).max(1));
            if let Some(d) = inst.op.def() {
                let d = d.0 as usize;
                if !assigned[d] && start[d] == p {
                    slot[d] = base as u16;
                    assigned[d] = true;
                    take(&mut owner, base as usize, d);
                }
            }
        }
        while next < by_start.len() && start[by_start[next]] == p {
            let v = by_start[next];
            next += 1;
            if assigned[v] {
                continue;
            }
            let is_def_here = defined_at.get(&p).is_some_and(|d| d.0 as usize == v);
            let mut chosen = None;
            if let Some((c, i)) = arg_hint[v] {
                let base = *predicted.entry(c).or_insert_with(|| {
                    owner
                        .iter()
                        .enumerate()
                        .filter_map(|(s, o)| {
                            o.filter(|&o| end[o] > c && end[o] >= p)
                                .map(|_| s as u32 + 1)
                        })
                        .max()
                        .unwrap_or(0)
                });
                let want = (base + i) as usize;
                if free_at(&owner, want, p, is_def_here, &end) {
                    chosen = Some(want);
                }
            }
            let s = chosen.unwrap_or_else(|| {
                (0..)
                    .find(|&s| free_at(&owner, s, p, is_def_here, &end))
                    .expect("an unbounded search finds a slot")
            });
            slot[v] = s as u16;
            assigned[v] = true;
            take(&mut owner, s, v);
            frame = frame.max(s as u32 + 1);
            if frame > max_slots {
                return Err(frame);
            }
        }
    }
    if frame > max_slots {
        return Err(frame);
    }
    Ok(Allocation {
        slot,
        order,
        frame_size: frame,
        call_base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::hir::FuncId;
    use crate::ir::{BinaryOp, Block, Class, Inst, Term};
    use crate::source::Span;

    fn inst(op: Op) -> Inst {
        Inst {
            op,
            span: Span::default(),
        }
    }

    /// fib(n) = fib(n-1) + fib(n-2) allocates without a single move.
    #[test]
    fn recursive_calls_need_no_moves() {
        let v = |i| VReg(i);
        let f = Function {
            id: FuncId(0),
            name: "fib".into(),
            params: vec![v(0)],
            ret: Some(Class::I32),
            vregs: vec![Class::I32; 6],
            blocks: vec![Block {
                insts: vec![
                    inst(Op::BinaryImm {
                        op: BinaryOp::AddI32,
                        dst: v(1),
                        a: v(0),
                        imm: -1,
                    }),
                    inst(Op::Call {
                        dst: Some(v(2)),
                        func: FuncId(0),
                        args: vec![v(1)],
                    }),
                    inst(Op::BinaryImm {
                        op: BinaryOp::AddI32,
                        dst: v(3),
                        a: v(0),
                        imm: -2,
                    }),
                    inst(Op::Call {
                        dst: Some(v(4)),
                        func: FuncId(0),
                        args: vec![v(3)],
                    }),
                    inst(Op::Binary {
                        op: BinaryOp::AddI32,
                        dst: v(5),
                        a: v(2),
                        b: v(4),
                    }),
                ],
                term: Term::Return(Some(v(5))),
                term_span: Span::default(),
                handler: None,
            }],
            frame_bytes: 0,
            span: Span::default(),
            drop_function: false,
        };
        let a = allocate(&f, 1000).unwrap();
        assert_eq!(a.slot[0], 0);
        // The first argument sits where the first call's frame starts.
        assert_eq!(a.call_base[&(0, 1)], a.slot[1]);
        assert_eq!(a.slot[2], a.slot[1], "result lands at the base");
        assert_eq!(a.call_base[&(0, 3)], a.slot[3]);
        assert!(
            a.slot[3] > a.slot[2],
            "the second call keeps the first result"
        );
        assert!(a.frame_size <= 3);
    }
}
