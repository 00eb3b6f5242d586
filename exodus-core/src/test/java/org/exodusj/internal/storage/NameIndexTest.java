package org.exodusj.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link NameIndex} finds what a linear scan for the joined string finds (the oracle: {@link
 * List#indexOf} of {@code prefix + n}, string concatenation), for names that are present, absent,
 * equal but for a digit, of equal hash, with leading zeros, negative numbers and non-ASCII text.
 */
class NameIndexTest {
  private static final String[] PREFIXES = {
    "connect", "vals_elem_var", "num_el_in_blk", "", "é", "x", "vals_red_var_eb", "eb"
  };

  @Test
  void findsWhatAScanOfTheJoinedNamesFinds() {
    Random r = new Random(7);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String p = PREFIXES[r.nextInt(PREFIXES.length)];
      switch (r.nextInt(5)) {
        case 0 -> names.add(p + r.nextInt(30));
        case 1 -> names.add(p + r.nextInt(30) + "eb" + r.nextInt(30));
        case 2 -> names.add(p + "0" + r.nextInt(30)); // leading zero: never "p" + n
        case 3 -> names.add(p + (-r.nextInt(5)));
        default -> names.add(p + Long.MAX_VALUE);
      }
    }
    // "Aa" and "BB" hash alike: names that collide but differ
    names.add("Aa1");
    names.add("BB1");
    names.add(names.get(3)); // a duplicate: the first one wins
    NameIndex index = NameIndex.of(names, Function.identity());
    for (String p : PREFIXES) {
      for (long n : new long[] {0, 1, 7, 9, 10, 29, 30, 99, 100, -1, -4, Long.MAX_VALUE}) {
        assertEquals(names.indexOf(p + n), index.find(p, n), p + n);
        assertEquals(names.indexOf(p + n), index.find(p + n), p + n);
        for (long m : new long[] {0, 1, 12, 29, -2}) {
          assertEquals(
              names.indexOf(p + n + "eb" + m), index.find(p, n, "eb", m), p + n + "eb" + m);
        }
      }
    }
    // prefixes that end in a digit or are empty: the stem filter gives no answer for them
    List<String> digitNames = List.of("connect12", "12", "7", "connect1eb12", "a1b2");
    NameIndex digitIndex = NameIndex.of(digitNames, Function.identity());
    assertEquals(0, digitIndex.find("connect1", 2));
    assertEquals(0, digitIndex.find("connect", 12));
    assertEquals(1, digitIndex.find("1", 2));
    assertEquals(1, digitIndex.find("", 12));
    assertEquals(2, digitIndex.find("", 7));
    assertEquals(3, digitIndex.find("connect", 1, "eb1", 2));
    assertEquals(3, digitIndex.find("connect", 1, "eb", 12));
    assertEquals(3, digitIndex.find("connect1eb", 1, "", 2));
    assertEquals(4, digitIndex.find("a", 1, "b", 2));
    assertEquals(4, digitIndex.find("a1b", 2));
    assertEquals(-1, digitIndex.find("connect", 1));
    assertEquals(-1, digitIndex.find("a", 1));
    assertEquals(-1, digitIndex.find("b", 2));
    assertEquals(names.indexOf("Aa1"), index.find("Aa", 1));
    assertEquals(names.indexOf("BB1"), index.find("BB", 1));
    assertEquals(-1, index.find("Ab", 1));
    assertEquals(-1, index.find(null));
    assertEquals(-1, index.find(null, 1));
    assertEquals(-1, index.find("vals_elem_var", 1, null, 1));
  }

  @Test
  void emptyIndexFindsNothing() {
    NameIndex index = NameIndex.of(List.<String>of(), Function.identity());
    assertEquals(-1, index.find("connect", 1));
    assertEquals(-1, index.find("connect1"));
  }

  @Test
  void builderReportsEachDuplicateAtItsFirstPositionAndGrowsPastItsStart() {
    // started for 2 names, given 3,000 (rehashed many times), every tenth a repeat of an earlier
    // one: add answers what List#indexOf of the names so far answers, and the index built finds
    // the first of equal names
    Random r = new Random(11);
    List<String> names = new ArrayList<>();
    NameIndex.Builder b = new NameIndex.Builder(2);
    for (int i = 0; i < 3000; i++) {
      String n =
          i % 10 == 9 && !names.isEmpty()
              ? names.get(r.nextInt(names.size()))
              : PREFIXES[r.nextInt(PREFIXES.length)] + i;
      assertEquals(names.indexOf(n), b.add(n), n);
      names.add(n);
    }
    NameIndex index = b.build();
    assertEquals(names.size(), index.size());
    for (String n : names) {
      assertEquals(names.indexOf(n), index.find(n), n);
    }
    assertEquals(-1, index.find("absent"));
    // a builder told of a hostile count allocates for at most 2^16 names up front
    NameIndex.Builder huge = new NameIndex.Builder(Long.MAX_VALUE);
    assertEquals(-1, huge.add("a"));
    assertEquals(0, huge.add("a"));
  }
}
