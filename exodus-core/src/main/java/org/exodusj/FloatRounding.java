package org.exodusj;

/**
 * How doubles are written into a file that stores reals as 4-byte floats.
 *
 * <p>{@link ExodusWriter} rounds, as the C library does when a 4-byte file is written from double
 * data. {@link ExodusUpdater} takes only exact values by default, because it changes results that
 * are already there: a value a float cannot hold exactly is refused (the whole write, before any of
 * it is stored) unless the caller asks for rounding.
 */
public enum FloatRounding {
  /** Values a float holds exactly (NaN and infinities too); any other refuses the whole write. */
  EXACT_ONLY,
  /** Rounded to the nearest float. */
  ROUND
}
