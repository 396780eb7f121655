//! The runtime: VM memory, strings and faults, shared by every backend.
//!
//! Nothing here knows about bytecode; the VM (and later a native backend) call into these
//! functions for allocation, string operations and number formatting.

pub mod arrays;
pub mod fmt;
pub mod memory;
pub mod strings;

/// A run-time fault (spec 6.5): an `Error` with a code and a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// 3 (runtime error), 4 (out of memory) or 5 (stack overflow).
    pub code: u32,
    pub message: String,
}

impl Fault {
    pub const RUNTIME: u32 = 3;
    pub const OUT_OF_MEMORY: u32 = 4;
    pub const STACK_OVERFLOW: u32 = 5;
    /// Not an `Error`: a host function passing on an interrupt (the call stops).
    pub const INTERRUPTED: u32 = 6;

    pub fn runtime(message: impl Into<String>) -> Fault {
        Fault {
            code: Fault::RUNTIME,
            message: message.into(),
        }
    }

    pub fn out_of_memory() -> Fault {
        Fault {
            code: Fault::OUT_OF_MEMORY,
            message: "out of memory".into(),
        }
    }

    pub fn stack_overflow() -> Fault {
        Fault {
            code: Fault::STACK_OVERFLOW,
            message: "stack overflow".into(),
        }
    }

    pub fn division_by_zero() -> Fault {
        Fault::runtime("division by zero")
    }
}
