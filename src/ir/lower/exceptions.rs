//! Lowering of exceptions: landing pads, `throw`, `try`/`catch`/`finally` (spec 6).
//!
//! Every instruction that can raise sits in a block whose `handler` is the landing pad
//! for the cleanup state at that point: the objects, strings and arrays that must be
//! destroyed if it raises, innermost first, up to the enclosing *region* (the function,
//! a `try` block, or the `catch` clauses of a `try` with `finally`). Pads are chained:
//! the pad for state `[c1 … cn]` destroys `cn` and continues in the pad for
//! `[c1 … cn-1]`, so a function's pads take code linear in its cleanups. The bottom of
//! a region's chain rethrows (the function), selects a `catch` clause (a `try` block) or
//! runs the `finally` block and rethrows (the clauses). While a chain destroys
//! something, what it destroys can raise in turn: the new exception replaces the one
//! being propagated, which is dropped (spec 6.4). A block that raises nothing has no
//! pad, so code without cleanups pays nothing.

use super::{Cleanup, FnLower, Scope};
use crate::check::hir::{self, FuncId};
use crate::ir::{BinaryOp, BlockId, Class, Op, Term, VReg};
use crate::source::Span;
use std::rc::Rc;

/// One link of a region's chain of landing pads.
struct ChainNode {
    cleanup: Cleanup,
    /// Destroys `cleanup`, then continues down the chain.
    run: BlockId,
    /// The landing pad for code whose cleanup state ends with this node.
    entry: BlockId,
    /// The landing pad for something raised while the node above this one runs.
    replace: Option<BlockId>,
}

/// Code whose exceptions unwind to the same place.
pub(super) struct Region {
    /// The region covers the scopes from this index on.
    scope_depth: usize,
    /// Holds the propagating exception block inside the region's pads.
    exc: VReg,
    /// The bottom of the chain: what happens once the region's objects are destroyed.
    base: BlockId,
    base_entry: Option<BlockId>,
    base_replace: Option<BlockId>,
    /// Whether the bottom only rethrows (then code without cleanups needs no pad).
    rethrows: bool,
    chain: Vec<ChainNode>,
}

/// Whether an operation can raise an exception.
pub(super) fn may_raise(op: &Op) -> bool {
    match op {
        Op::Binary { op, .. } => matches!(
            op,
            BinaryOp::DivS32
                | BinaryOp::DivU32
                | BinaryOp::RemS32
                | BinaryOp::RemU32
                | BinaryOp::DivS64
                | BinaryOp::DivU64
                | BinaryOp::RemS64
                | BinaryOp::RemU64
        ),
        Op::Const { .. }
        | Op::Str { .. }
        | Op::Copy { .. }
        | Op::Unary { .. }
        | Op::BinaryImm { .. }
        | Op::Compare { .. }
        | Op::LoadGlobal { .. }
        | Op::StoreGlobal { .. }
        | Op::StrShare { .. }
        | Op::StrRelease { .. }
        | Op::StrCompare { .. }
        | Op::FrameSlot { .. }
        | Op::GlobalAddr { .. }
        | Op::ObjZero { .. }
        | Op::AddrOffset { .. }
        | Op::ExcCatch { .. }
        | Op::ExcIs { .. }
        | Op::ExcObject { .. }
        | Op::ExcDrop { .. }
        | Op::ExcForget { .. }
        | Op::ExcFreeObject { .. } => false,
        _ => true,
    }
}

impl Region {
    fn new(scope_depth: usize, exc: VReg, base: BlockId, rethrows: bool) -> Region {
        Region {
            scope_depth,
            exc,
            base,
            base_entry: None,
            base_replace: None,
            rethrows,
            chain: Vec::new(),
        }
    }

    pub(super) fn scope_depth(&self) -> usize {
        self.scope_depth
    }
}

impl FnLower<'_> {
    /// Opens the function's region: uncaught exceptions leave the function (a drop
    /// function instead forgets them and frees its object, see `Stmt::DestroyLocal`).
    pub(super) fn open_function_region(&mut self, drop_object: Option<VReg>) {
        let exc = self.new_vreg(Class::Obj);
        let base = self.new_block();
        let saved = self.enter_forced(base, None);
        match drop_object {
            Some(object) => {
                self.emit(Op::ExcForget { exc }, Span::default());
                self.emit(Op::ExcFreeObject { object }, Span::default());
                self.terminate(Term::Return(None), Span::default());
            }
            None => self.terminate(Term::Rethrow(exc), Span::default()),
        }
        self.leave_forced(saved);
        self.regions
            .push(Region::new(0, exc, base, drop_object.is_none()));
    }

    /// Emits into `block` (not placed in the layout: pads go last) with `handler` for
    /// everything that raises; returns what to restore.
    fn enter_forced(
        &mut self,
        block: BlockId,
        handler: Option<BlockId>,
    ) -> (BlockId, Option<Option<BlockId>>) {
        let saved = (self.cur, self.forced);
        self.cur = block;
        self.forced = Some(handler);
        saved
    }

    fn leave_forced(&mut self, saved: (BlockId, Option<Option<BlockId>>)) {
        self.cur = saved.0;
        self.forced = saved.1;
    }

    /// Before an instruction or terminator that can raise: makes sure the current block
    /// unwinds to the landing pad of the current cleanup state, starting a new block
    /// when the state changed since the block began.
    pub(super) fn protect(&mut self) {
        let cur = self.cur.0 as usize;
        if self.blocks[cur].1.is_some() {
            return;
        }
        let want = self.current_handler();
        if self.handlers[cur] == want {
            return;
        }
        if self.blocks[cur].0.is_empty() {
            self.handlers[cur] = want;
            return;
        }
        let next = self.new_block();
        self.blocks[cur].1 = Some((Term::Jump(next), Span::default()));
        if self.placed[cur] {
            self.switch_to(next);
        } else {
            self.cur = next;
        }
        self.handlers[next.0 as usize] = want;
    }

    /// The landing pad for the current cleanup state, or None when an exception may
    /// simply leave the function.
    fn current_handler(&mut self) -> Option<BlockId> {
        if let Some(h) = self.forced {
            return h;
        }
        let r = self.regions.len().checked_sub(1)?;
        let depth = self.regions[r].scope_depth;
        let list: Vec<Cleanup> = self.scopes[depth.min(self.scopes.len())..]
            .iter()
            .flat_map(|s| s.cleanups.iter().copied())
            .chain(self.expr_temps.iter().copied())
            .collect();
        if list.is_empty() && self.regions[r].rethrows {
            return None;
        }
        let common = self.regions[r]
            .chain
            .iter()
            .zip(&list)
            .take_while(|(n, c)| n.cleanup == **c)
            .count();
        self.regions[r].chain.truncate(common);
        for &c in &list[common..] {
            self.add_chain_node(r, c);
        }
        Some(match self.regions[r].chain.last() {
            Some(n) => n.entry,
            None => self.base_entry(r),
        })
    }

    fn base_entry(&mut self, r: usize) -> BlockId {
        if let Some(b) = self.regions[r].base_entry {
            return b;
        }
        let (exc, base) = (self.regions[r].exc, self.regions[r].base);
        let b = self.landing_pad(exc, base);
        self.regions[r].base_entry = Some(b);
        b
    }

    /// A pad that takes the exception into `exc` and goes on at `to`.
    fn landing_pad(&mut self, exc: VReg, to: BlockId) -> BlockId {
        let b = self.new_block();
        let saved = self.enter_forced(b, None);
        self.emit(Op::ExcCatch { dst: exc }, Span::default());
        self.jump(to, Span::default());
        self.leave_forced(saved);
        b
    }

    /// The pad for an exception raised while the chain destroys the cleanup above the
    /// first `len` ones: the propagating exception is dropped and the new one goes on.
    fn replace_entry(&mut self, r: usize, len: usize) -> BlockId {
        let existing = if len == 0 {
            self.regions[r].base_replace
        } else {
            self.regions[r].chain[len - 1].replace
        };
        if let Some(b) = existing {
            return b;
        }
        let exc = self.regions[r].exc;
        let to = if len == 0 {
            self.regions[r].base
        } else {
            self.regions[r].chain[len - 1].run
        };
        let b = self.new_block();
        let saved = self.enter_forced(b, None);
        let new = self.new_vreg(Class::Obj);
        self.emit(Op::ExcCatch { dst: new }, Span::default());
        self.drop_exception(exc);
        self.emit(Op::Copy { dst: exc, src: new }, Span::default());
        self.jump(to, Span::default());
        self.leave_forced(saved);
        if len == 0 {
            self.regions[r].base_replace = Some(b);
        } else {
            self.regions[r].chain[len - 1].replace = Some(b);
        }
        b
    }

    fn add_chain_node(&mut self, r: usize, cleanup: Cleanup) {
        let len = self.regions[r].chain.len();
        let below = match self.regions[r].chain.last() {
            Some(n) => n.run,
            None => self.regions[r].base,
        };
        let replace = self.replace_entry(r, len);
        let run = self.new_block();
        let saved = self.enter_forced(run, Some(replace));
        let temps = std::mem::take(&mut self.expr_temps);
        self.run_cleanup(cleanup);
        self.expr_temps = temps;
        self.jump(below, Span::default());
        self.leave_forced(saved);
        let exc = self.regions[r].exc;
        let entry = self.landing_pad(exc, run);
        self.regions[r].chain.push(ChainNode {
            cleanup,
            run,
            entry,
            replace: None,
        });
    }

    /// Destroys and frees the exception block in `exc`.
    pub(super) fn drop_exception(&mut self, exc: VReg) {
        let object = self.new_vreg(Class::Obj);
        self.emit(Op::ExcObject { dst: object, exc }, Span::default());
        self.emit(Op::ExcDrop { object }, Span::default());
    }

    /// `throw value;`: the value is built (or copied) in the frame and moved into a new
    /// exception block.
    pub(super) fn lower_throw(&mut self, value: &hir::Expr, class: usize, drop: FuncId) {
        let info = &self.program.classes[class];
        let (ty, size) = (info.ty, info.size);
        let slot = self.new_object_slot(ty, value.span);
        self.init_object(slot, value);
        self.flush_temps();
        self.terminate(
            Term::Throw {
                object: slot,
                size,
                class: class as u32,
                drop,
            },
            value.span,
        );
        self.start_dead_block();
    }

    /// `try … catch … finally …` (spec 6.3).
    pub(super) fn lower_try(
        &mut self,
        body: &hir::Block,
        catches: &[hir::Catch],
        finally: Option<&hir::Block>,
    ) {
        let fin = finally.map(|f| Rc::new(f.clone()));
        let after = self.new_block();
        let t = self.scopes.len();
        // The statement's own scope: jumps out of it run the `finally` block.
        self.scopes.push(Scope {
            cleanups: Vec::new(),
            finally: fin.clone(),
        });
        let exc = self.new_vreg(Class::Obj);
        let dispatch = self.new_block();
        self.regions.push(Region::new(t + 1, exc, dispatch, false));
        self.block(body);
        self.regions.pop();
        if let Some(f) = &fin {
            self.run_finally(t, f, Vec::new());
        }
        self.jump(after, Span::default());

        // Exceptions from the clauses run the `finally` block and propagate.
        let clauses_fail = fin.as_ref().map(|_| {
            let exc = self.new_vreg(Class::Obj);
            let base = self.new_block();
            self.regions.push(Region::new(t + 1, exc, base, false));
            (exc, base)
        });
        self.switch_to(dispatch);
        for clause in catches {
            let this = self.new_block();
            let next = self.new_block();
            let is = self.new_vreg(Class::I32);
            self.emit(
                Op::ExcIs {
                    dst: is,
                    exc,
                    class: clause.class as u32,
                },
                Span::default(),
            );
            self.terminate(
                Term::Branch {
                    cond: is,
                    then: this,
                    otherwise: next,
                },
                Span::default(),
            );
            self.switch_to(this);
            self.catch_clause(clause, exc);
            if let Some(f) = &fin {
                self.run_finally(t, f, Vec::new());
            }
            self.jump(after, Span::default());
            self.switch_to(next);
        }
        if clauses_fail.is_some() {
            self.regions.pop();
        }
        // No clause matched: `finally`, then the exception goes on.
        self.rethrow_after_finally(t, fin.as_deref(), exc);
        if let (Some(f), Some((clause_exc, base))) = (&fin, clauses_fail) {
            self.switch_to(base);
            self.rethrow_after_finally(t, Some(f), clause_exc);
        }
        self.scopes.pop();
        self.switch_to(after);
    }

    fn rethrow_after_finally(&mut self, t: usize, fin: Option<&hir::Block>, exc: VReg) {
        if let Some(f) = fin {
            self.run_finally(t, f, vec![Cleanup::Exc(exc)]);
        }
        self.terminate(Term::Rethrow(exc), Span::default());
    }

    /// A selected `catch` clause: the exception object moves into the clause's variable,
    /// which dies with the clause.
    fn catch_clause(&mut self, clause: &hir::Catch, exc: VReg) {
        let ty = self.local_types[clause.local.0 as usize];
        let reg = self.locals[clause.local.0 as usize];
        let size = self.program.classes[clause.class].size;
        self.scopes.push(Scope {
            cleanups: Vec::new(),
            finally: None,
        });
        let slot = self.new_object_slot(ty, Span::default());
        self.emit(
            Op::Copy {
                dst: reg,
                src: slot,
            },
            Span::default(),
        );
        self.emit(
            Op::ExcTake {
                exc,
                addr: reg,
                size,
            },
            Span::default(),
        );
        self.scopes
            .last_mut()
            .expect("scope")
            .cleanups
            .push(Cleanup::Obj(reg, ty));
        self.block(&clause.body);
        let depth = self.scopes.len() - 1;
        self.release_scopes(depth);
        self.scopes.pop();
    }

    /// Runs the `finally` block of the `try` whose scope is at index `t`, outside that
    /// statement, while `pending` (what the interrupted action holds: a result, an
    /// exception) stays to be destroyed if the block raises.
    pub(super) fn run_finally(&mut self, t: usize, fin: &hir::Block, pending: Vec<Cleanup>) {
        let tail = self.scopes.split_off(t);
        let keep = self
            .regions
            .iter()
            .position(|r| r.scope_depth > t)
            .unwrap_or(self.regions.len());
        let regions = self.regions.split_off(keep);
        let temps = std::mem::take(&mut self.expr_temps);
        let exit = std::mem::take(&mut self.pending_exit);
        let loops = std::mem::take(&mut self.loops);
        self.scopes.push(Scope {
            cleanups: pending,
            finally: None,
        });
        self.block(fin);
        // The pending action resumes and disposes of what it holds.
        self.scopes.pop();
        self.loops = loops;
        self.pending_exit = exit;
        self.expr_temps = temps;
        self.regions.extend(regions);
        self.scopes.extend(tail);
    }
}
