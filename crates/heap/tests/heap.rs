//! The counting allocator's figures (reference: the sizes asked for, by
//! hand). One test, so no other thread allocates meanwhile.
#![cfg(not(target_arch = "wasm32"))]

use cxi_heap::in_use;
use cxi_heap::peak;
use cxi_heap::reset_peak;
use cxi_heap::Counting;

#[global_allocator]
static ALLOC: Counting = Counting;

const MB: usize = 1 << 20;

#[test]
fn counts_bytes_in_use_and_a_reallocation_as_a_move() {
    let before = in_use();
    reset_peak();
    let mut v: Vec<u8> = Vec::with_capacity(MB);
    assert_eq!(in_use() - before, MB);
    // Growing to 2 MB holds the old and the new block at the peak.
    v.reserve_exact(2 * MB);
    assert_eq!(in_use() - before, 2 * MB);
    assert_eq!(peak() - before, 3 * MB);
    drop(v);
    assert_eq!(in_use(), before);
    // A new peak starts from what is in use.
    assert_eq!(reset_peak() - before, 3 * MB);
    assert_eq!(peak(), before);
}
