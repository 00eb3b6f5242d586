package org.exodusj.internal.storage;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Positions of the names of a list (variables, dimensions), found by the whole name or by a prefix
 * and numbers ({@code "connect" + 3}, {@code "vals_elem_var" + 2 + "eb" + 7}) without building the
 * name: the hash of the joined name is composed from the prefix's (cached by {@link String}) and
 * the digits, as {@link String#hashCode()} defines it, and a candidate is compared character by
 * character. Opening a file looks up a few names per block, set and result variable, most of them
 * absent; building and hashing each name as a string was a large part of an open.
 *
 * <p>A classic header's parser builds the index of its variables and dimensions as it reads them
 * ({@link Builder}: its duplicate check is the index's insertion), and the storage hands it to the
 * Exodus model ({@link Storage#variableIndex()}), so one open hashes each name once.
 *
 * <p>The first of equal names wins, as the storages' own look-ups do. Immutable once built.
 */
public final class NameIndex {
  private final String[] names;

  /**
   * Open addressing: a slot holds a name's String hash in its high half and its position + 1 in the
   * low half (one load a probe), 0 when empty.
   */
  private final long[] slots;

  private final int mask;
  private final int shift;

  private NameIndex(String[] names, long[] slots) {
    this.names = names;
    this.slots = slots;
    this.mask = slots.length - 1;
    this.shift = shift(slots.length);
  }

  /** The index of the names of {@code items}. */
  public static <T> NameIndex of(List<T> items, Function<? super T, String> name) {
    Builder b = new Builder(items.size());
    for (int i = 0; i < items.size(); i++) {
      b.add(name.apply(items.get(i)));
    }
    return b.build();
  }

  /** Number of names (equal names counted each). */
  public int size() {
    return names.length;
  }

  /**
   * The home slot of hash {@code h} (Fibonacci hashing: the top bits of {@code h} times the golden
   * ratio). The names of a file come in families whose string hashes are consecutive ({@code
   * connect1}, {@code connect2}, ...): the low bits of the hash put them in adjacent slots, and
   * linear probing then walked long runs of them for every absent name (three to five probes a
   * look-up in the corpus's MOOSE outputs; about one with this spread).
   */
  private static int home(int h, int shift) {
    return (h * 0x9E3779B9) >>> shift;
  }

  private static int shift(int tableLength) {
    return 32 - Integer.numberOfTrailingZeros(tableLength);
  }

  private static long entry(int h, int position) {
    return ((long) h << 32) | (position + 1);
  }

  private static int hashOf(long entry) {
    return (int) (entry >>> 32);
  }

  private static int positionOf(long entry) {
    return (int) entry - 1;
  }

  /**
   * Builds an index name by name, in list order: {@link #add} says whether the name is already
   * there (a parser's duplicate check). Not thread-safe; {@link #build} once.
   */
  public static final class Builder {
    private String[] names;
    private int size;
    private long[] slots;
    private int mask;
    private int shift;

    /** A builder for about {@code expected} names (it grows past them; at most 2^16 up front). */
    public Builder(long expected) {
      int n = (int) Math.max(1, Math.min(expected, 1 << 16));
      names = new String[n];
      table(tableSize(n));
    }

    private void table(int length) {
      slots = new long[length];
      mask = length - 1;
      shift = shift(length);
    }

    /** The power of two at least twice {@code n}: filled to at most half. */
    private static int tableSize(int n) {
      return Integer.highestOneBit(Math.max(4, 2 * n - 1)) << 1;
    }

    /** {@link #add(String, int)} of the name and its own hash. */
    public int add(String name) {
      return add(name, name.hashCode());
    }

    /**
     * Appends {@code name}, whose {@link String#hashCode()} is {@code h}, at the next position;
     * returns the position of an equal name added before (which keeps the look-ups, the first
     * wins), or -1. A parser that hashed the bytes as it decoded them passes their hash (a string's
     * own is one more pass over it).
     */
    public int add(String name, int h) {
      int s = home(h, shift);
      for (long e; (e = slots[s]) != 0; s = (s + 1) & mask) {
        if (hashOf(e) == h && names[positionOf(e)].equals(name)) {
          append(name);
          return positionOf(e);
        }
      }
      append(name);
      slots[s] = entry(h, size - 1);
      if (size * 2 > slots.length) {
        rehash();
      }
      return -1;
    }

    private void append(String name) {
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
      }
      names[size++] = name;
    }

    private void rehash() {
      long[] old = slots;
      table(old.length * 2);
      for (long e : old) {
        if (e != 0) {
          int s = home(hashOf(e), shift);
          while (slots[s] != 0) {
            s = (s + 1) & mask;
          }
          slots[s] = e;
        }
      }
    }

    /** The index of the names added. */
    public NameIndex build() {
      return new NameIndex(size == names.length ? names : Arrays.copyOf(names, size), slots);
    }
  }

  /** The position of {@code name}, or -1 (also for null). */
  public int find(String name) {
    if (name == null) {
      return -1;
    }
    int h = name.hashCode();
    for (int s = home(h, shift); ; s = (s + 1) & mask) {
      long e = slots[s];
      if (e == 0) {
        return -1;
      }
      if (hashOf(e) == h && names[positionOf(e)].equals(name)) {
        return positionOf(e);
      }
    }
  }

  /**
   * The position of {@code prefix + n} (n in decimal, as string concatenation writes it), or -1.
   */
  public int find(String prefix, long n) {
    if (prefix == null) {
      return -1;
    }
    if (n < 0) {
      return find(prefix + n);
    }
    int ph = prefix.hashCode();
    int pl = prefix.length();
    int digits = digits(n);
    int h = hashDigits(ph, n, digits);
    int len = pl + digits;
    for (int s = home(h, shift); ; s = (s + 1) & mask) {
      long e = slots[s];
      if (e == 0) {
        return -1;
      }
      if (hashOf(e) == h) {
        int i = positionOf(e);
        String c = names[i];
        if (c.length() == len && c.startsWith(prefix) && digitsAt(c, pl, n, digits)) {
          return i;
        }
      }
    }
  }

  /** The position of {@code prefix + a + infix + b} (numbers in decimal), or -1. */
  public int find(String prefix, long a, String infix, long b) {
    if (prefix == null || infix == null) {
      return -1;
    }
    if (a < 0 || b < 0) {
      return find(prefix + a + infix + b);
    }
    int da = digits(a);
    int db = digits(b);
    int h = hashDigits(prefix.hashCode(), a, da);
    for (int k = 0; k < infix.length(); k++) {
      h = 31 * h + infix.charAt(k);
    }
    h = hashDigits(h, b, db);
    int len = prefix.length() + da + infix.length() + db;
    for (int s = home(h, shift); ; s = (s + 1) & mask) {
      long e = slots[s];
      if (e == 0) {
        return -1;
      }
      if (hashOf(e) == h) {
        int i = positionOf(e);
        String c = names[i];
        if (c.length() == len
            && c.startsWith(prefix)
            && digitsAt(c, prefix.length(), a, da)
            && c.startsWith(infix, prefix.length() + da)
            && digitsAt(c, prefix.length() + da + infix.length(), b, db)) {
          return i;
        }
      }
    }
  }

  /** Decimal digits of {@code n >= 0}. */
  private static int digits(long n) {
    if (n < 10) {
      return 1;
    }
    int d = 1;
    for (long p = 10; d < 19 && n >= p; p *= 10) {
      d++;
    }
    return d;
  }

  /** {@code h} continued by the {@code digits} decimal digits of {@code n}, as String hashes. */
  private static int hashDigits(int h, long n, int digits) {
    if (n < 10) {
      return 31 * h + (char) ('0' + n); // most numbers of a file: no division
    }
    if (n <= Integer.MAX_VALUE) {
      int m = (int) n; // int division: several times faster than long division
      int mul = 1;
      int tail = 0;
      for (int k = 0; k < digits; k++) {
        tail += mul * ('0' + m % 10);
        mul *= 31;
        m /= 10;
      }
      return h * mul + tail; // wraps as the String hash does: h * 31^digits + digits' hash
    }
    long p = 1;
    for (int k = 1; k < digits; k++) {
      p *= 10;
    }
    for (; p > 0; p /= 10) {
      h = 31 * h + (char) ('0' + (n / p) % 10);
    }
    return h;
  }

  /** True when {@code c} holds the {@code digits} decimal digits of {@code n} from {@code at}. */
  private static boolean digitsAt(String c, int at, long n, int digits) {
    long m = n;
    for (int k = at + digits - 1; k >= at; k--, m /= 10) {
      if (c.charAt(k) != (char) ('0' + m % 10)) {
        return false;
      }
    }
    return true;
  }
}
