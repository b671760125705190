//! A compact `u32` sequence: the table's row starts and row numbers.

/// A `u32` sequence stored as `start + step * i` while it is one (rows of
/// equal width, no blank lines: the usual case, 8 bytes per row saved on a
/// million rows), and as a vector from its first irregular value on.
#[derive(Debug, Clone, Default)]
pub(super) struct Seq {
    pub(super) start: u32,
    pub(super) step: u32,
    pub(super) len: usize,
    pub(super) explicit: Option<Vec<u32>>,
}

impl Seq {
    #[inline]
    pub(super) fn push(&mut self, v: u32) {
        if let Some(e) = &mut self.explicit {
            e.push(v);
            return;
        }
        match self.len {
            0 => self.start = v,
            1 => self.step = v.wrapping_sub(self.start),
            n if v == self.start.wrapping_add(self.step.wrapping_mul(n as u32)) => {}
            _ => return self.make_explicit(v),
        }
        self.len += 1;
    }

    /// From the first value off the arithmetic sequence on.
    #[cold]
    pub(super) fn make_explicit(&mut self, v: u32) {
        let mut e: Vec<u32> = (0..self.len)
            .map(|i| self.start.wrapping_add(self.step.wrapping_mul(i as u32)))
            .collect();
        e.push(v);
        self.explicit = Some(e);
        self.len += 1;
    }

    #[inline]
    pub(super) fn get(&self, i: usize) -> u32 {
        match &self.explicit {
            Some(e) => e[i],
            None => {
                assert!(i < self.len, "index {i} out of {}", self.len);
                self.start.wrapping_add(self.step.wrapping_mul(i as u32))
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        self.explicit.as_ref().map_or(self.len, Vec::len)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops the first `k` values.
    pub(super) fn drop_front(&mut self, k: usize) {
        let k = k.min(self.len());
        match &mut self.explicit {
            Some(e) => {
                e.drain(..k);
            }
            None => {
                self.start = self.start.wrapping_add(self.step.wrapping_mul(k as u32));
                self.len -= k;
            }
        }
    }
}
