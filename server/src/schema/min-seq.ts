export const MIN_SEQ_DESCRIPTION =
  "A write's `seq`: the answer waits until the index holds that write (lists lag writes by at most ~200 ms otherwise).";
