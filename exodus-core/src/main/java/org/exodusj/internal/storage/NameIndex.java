package org.exodusj.internal.storage;

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

  /** Open addressing: a name's position + 1, 0 for an empty slot. */
  private final int[] slots;

  private final int mask;

  private NameIndex(String[] names, int[] slots) {
    this.names = names;
    this.slots = slots;
    this.mask = slots.length - 1;
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
   * Builds an index name by name, in list order: {@link #add} says whether the name is already
   * there (a parser's duplicate check). Not thread-safe; {@link #build} once.
   */
  public static final class Builder {
    private String[] names;
    private int size;
    private int[] slots;
    private int mask;

    /** A builder for about {@code expected} names (it grows past them; at most 2^16 up front). */
    public Builder(long expected) {
      int n = (int) Math.max(1, Math.min(expected, 1 << 16));
      names = new String[n];
      slots = new int[tableSize(n)];
      mask = slots.length - 1;
    }

    /** The power of two at least 1.5 times {@code n}: filled to at most two thirds. */
    private static int tableSize(int n) {
      return Integer.highestOneBit(Math.max(4, n + n / 2 - 1)) << 1;
    }

    /**
     * Appends {@code name} at the next position; returns the position of an equal name added before
     * (which keeps the look-ups, the first wins), or -1.
     */
    public int add(String name) {
      int h = name.hashCode();
      int s = spread(h) & mask;
      while (slots[s] != 0) {
        String other = names[slots[s] - 1];
        if (other.hashCode() == h && other.equals(name)) {
          append(name);
          return slots[s] - 1;
        }
        s = (s + 1) & mask;
      }
      append(name);
      slots[s] = size;
      if (size * 3 > slots.length * 2) {
        rehash();
      }
      return -1;
    }

    private void append(String name) {
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
      }
      names[size++] = name;
    }

    private void rehash() {
      int[] old = slots;
      slots = new int[old.length * 2];
      mask = slots.length - 1;
      for (int p : old) {
        if (p != 0) {
          int s = spread(names[p - 1].hashCode()) & mask;
          while (slots[s] != 0) {
            s = (s + 1) & mask;
          }
          slots[s] = p;
        }
      }
    }

    /** The index of the names added. */
    public NameIndex build() {
      return new NameIndex(
          size == names.length ? names : java.util.Arrays.copyOf(names, size), slots);
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The position of {@code name}, or -1 (also for null). */
  public int find(String name) {
    if (name == null) {
      return -1;
    }
    int h = name.hashCode();
    for (int s = spread(h) & mask; slots[s] != 0; s = (s + 1) & mask) {
      int i = slots[s] - 1;
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
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
    int digits = digits(n);
    int h = hashDigits(prefix.hashCode(), n, digits);
    int len = prefix.length() + digits;
    for (int s = spread(h) & mask; slots[s] != 0; s = (s + 1) & mask) {
      int i = slots[s] - 1;
      String c = names[i];
      if (c.length() == len
          && c.hashCode() == h
          && c.startsWith(prefix)
          && digitsAt(c, prefix.length(), n, digits)) {
        return i;
      }
    }
    return -1;
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
    for (int s = spread(h) & mask; slots[s] != 0; s = (s + 1) & mask) {
      int i = slots[s] - 1;
      String c = names[i];
      if (c.length() == len
          && c.hashCode() == h
          && c.startsWith(prefix)
          && digitsAt(c, prefix.length(), a, da)
          && c.startsWith(infix, prefix.length() + da)
          && digitsAt(c, prefix.length() + da + infix.length(), b, db)) {
        return i;
      }
    }
    return -1;
  }

  /** Decimal digits of {@code n >= 0}. */
  private static int digits(long n) {
    int d = 1;
    for (long p = 10; d < 19 && n >= p; p *= 10) {
      d++;
    }
    return d;
  }

  private static long pow10(int e) {
    long p = 1;
    for (int k = 0; k < e; k++) {
      p *= 10;
    }
    return p;
  }

  /** {@code h} continued by the {@code digits} decimal digits of {@code n}, as String hashes. */
  private static int hashDigits(int h, long n, int digits) {
    for (long p = pow10(digits - 1); p > 0; p /= 10) {
      h = 31 * h + (char) ('0' + (n / p) % 10);
    }
    return h;
  }

  private static boolean digitsAt(String c, int at, long n, int digits) {
    int k = at;
    for (long p = pow10(digits - 1); p > 0; p /= 10, k++) {
      if (c.charAt(k) != (char) ('0' + (n / p) % 10)) {
        return false;
      }
    }
    return true;
  }
}
