package org.exodusj.internal.model;

import java.util.Locale;

/**
 * The nodes of each side of each element topology, in the order libexodusII's {@code
 * ex_get_side_set_node_list} lists them (the side and node numbering of SAND87-2997 and
 * SAND92-2137). Like the C library, a block's kind is chosen by the first three letters of its
 * stored type ({@code TRI}SHELL is a triangle, {@code HEX}SHELL a hex, {@code BEA}M a beam), and
 * triangles are faces with two sides in 2-D but shells with two faces and three edges in 3-D.
 */
public final class SideNodeOrdering {
  private SideNodeOrdering() {}

  private static final int[][] TRI = {{1, 2, 4}, {2, 3, 5}, {3, 1, 6}};
  private static final int[][] TRI_SHELL = {
    {1, 2, 3, 4, 5, 6, 7}, {3, 2, 1, 6, 5, 4, 7}, {1, 2, 4}, {2, 3, 5}, {3, 1, 6}
  };
  private static final int[][] QUAD = {{1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}};
  private static final int[][] SHELL = {
    {1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 4, 3, 2, 8, 7, 6, 5, 9},
    {1, 2, 5},
    {2, 3, 6},
    {3, 4, 7},
    {4, 1, 8}
  };
  private static final int[][] TETRA = {
    {1, 2, 4, 5, 9, 8, 14}, {2, 3, 4, 6, 10, 9, 12}, {1, 4, 3, 8, 10, 7, 13}, {1, 3, 2, 7, 6, 5, 11}
  };
  private static final int[][] WEDGE6 = {
    {1, 2, 5, 4}, {2, 3, 6, 5}, {1, 4, 6, 3}, {1, 3, 2}, {4, 5, 6}
  };
  private static final int[][] WEDGE12 = {
    {1, 2, 5, 4, 7, 10},
    {2, 3, 6, 5, 8, 11},
    {1, 4, 6, 3, 9, 12},
    {1, 3, 2, 9, 8, 7},
    {4, 5, 6, 10, 11, 12}
  };
  private static final int[][] WEDGE15 = {
    {1, 2, 5, 4, 7, 11, 13, 10},
    {2, 3, 6, 5, 8, 12, 14, 11},
    {1, 4, 6, 3, 10, 15, 12, 9},
    {1, 3, 2, 9, 8, 7},
    {4, 5, 6, 13, 14, 15}
  };
  private static final int[][] WEDGE18 = {
    {1, 2, 5, 4, 7, 11, 13, 10, 16},
    {2, 3, 6, 5, 8, 12, 14, 11, 17},
    {1, 4, 6, 3, 10, 15, 12, 9, 18},
    {1, 3, 2, 9, 8, 7},
    {4, 5, 6, 13, 14, 15}
  };
  private static final int[][] WEDGE20 = {
    {1, 2, 5, 4, 7, 11, 13, 10, 20},
    {2, 3, 6, 5, 8, 12, 14, 11, 18},
    {1, 4, 6, 3, 10, 15, 12, 9, 19},
    {1, 3, 2, 9, 8, 7, 16},
    {4, 5, 6, 13, 14, 15, 17}
  };
  private static final int[][] WEDGE21 = {
    {1, 2, 5, 4, 7, 11, 13, 10, 21},
    {2, 3, 6, 5, 8, 12, 14, 11, 19},
    {1, 4, 6, 3, 10, 15, 12, 9, 20},
    {1, 3, 2, 9, 8, 7, 17},
    {4, 5, 6, 13, 14, 15, 18}
  };
  private static final int[][] HEX = {
    {1, 2, 6, 5, 9, 14, 17, 13, 26}, {2, 3, 7, 6, 10, 15, 18, 14, 25},
    {3, 4, 8, 7, 11, 16, 19, 15, 27}, {1, 5, 8, 4, 13, 20, 16, 12, 24},
    {1, 4, 3, 2, 12, 11, 10, 9, 22}, {5, 6, 7, 8, 17, 18, 19, 20, 23}
  };
  private static final int[][] HEX16 = {
    {1, 2, 6, 5, 9, 13},
    {2, 3, 7, 6, 10, 14},
    {3, 4, 8, 7, 11, 15},
    {4, 1, 5, 8, 12, 16},
    {1, 4, 3, 2, 12, 11, 10, 9},
    {5, 6, 7, 8, 13, 14, 15, 16}
  };
  // corner nodes, then mid-edge nodes, then the face centre (0 where the side has none)
  private static final int[][] PYRAMID = {
    {1, 2, 5, 0, 6, 11, 10, 0, 15},
    {2, 3, 5, 0, 7, 12, 11, 0, 16},
    {3, 4, 5, 0, 8, 13, 12, 0, 17},
    {1, 5, 4, 0, 10, 13, 9, 0, 18},
    {1, 4, 3, 2, 9, 8, 7, 6, 14}
  };

  /** How a block's sides map to its nodes. */
  public interface Sides {
    /** The number of sides an element has. */
    int sideCount();

    /**
     * The 1-based local node positions of side {@code side} (1-based), in the C library's order.
     */
    int[] nodes(int side);
  }

  /**
   * The side table of a block with {@code storedType} and {@code nodesPerElement}, in a mesh of
   * {@code dimensions}; null for a NULL block (no sides). An unknown type or node count is an
   * {@link IllegalArgumentException} naming both.
   */
  public static Sides of(String storedType, long nodesPerElement, int dimensions) {
    String t = storedType == null ? "" : storedType.trim().toUpperCase(Locale.ROOT);
    String p = t.length() >= 3 ? t.substring(0, 3) : t;
    int n = (int) Math.min(nodesPerElement, 1000);
    Sides sides = lookup(p, n, dimensions);
    if (sides != null) {
      for (int s = 1; s <= sides.sideCount(); s++) {
        for (int node : sides.nodes(s)) {
          if (node > n) {
            sides = null;
            break;
          }
        }
        if (sides == null) break;
      }
    }
    if (sides != null || p.equals("NUL")) {
      return sides;
    }
    throw new IllegalArgumentException(
        "side-set node lists are not defined for a '"
            + storedType
            + "' element with "
            + nodesPerElement
            + " nodes in "
            + dimensions
            + "-D");
  }

  private static Sides lookup(String p, int n, int dimensions) {
    switch (p) {
      case "NUL":
        return null;
      case "CIR", "SPH":
        return fixed(new int[][] {{1}});
      case "TRU", "BAR", "EDG":
        if (n == 2 || n == 3) return fixed(new int[][] {{1}, {2}});
        break;
      case "BEA":
        if (n == 2) return fixed(new int[][] {{1, 2}, {1, 2}});
        if (n == 3) return fixed(new int[][] {{1, 2, 3}, {1, 2, 3}});
        break;
      case "QUA":
        if (n == 4 || n == 5) return table(QUAD, 2, 2, 2, 2);
        if (n == 8 || n == 9) return table(QUAD, 3, 3, 3, 3);
        break;
      case "TRI":
        if (dimensions == 2) {
          if (n == 3 || n == 4) return table(TRI, 2, 2, 2);
          if (n == 6 || n == 7) return table(TRI, 3, 3, 3);
        } else {
          if (n == 3) return table(TRI_SHELL, 3, 3, 2, 2, 2);
          if (n == 4) {
            return fixed(new int[][] {{1, 2, 3, 4}, {3, 2, 1, 4}, {1, 2}, {2, 3}, {3, 1}});
          }
          if (n == 6) return table(TRI_SHELL, 6, 6, 3, 3, 3);
          if (n == 7) return table(TRI_SHELL, 7, 7, 3, 3, 3);
        }
        break;
      case "SHE":
        if (n == 2) return table(SHELL, 2, 2);
        if (n == 4) return table(SHELL, 4, 4, 2, 2, 2, 2);
        if (n == 8) return table(SHELL, 8, 8, 3, 3, 3, 3);
        if (n == 9) return table(SHELL, 9, 9, 3, 3, 3, 3);
        break;
      case "TET":
        if (n == 4 || n == 5) return table(TETRA, 3, 3, 3, 3);
        if (n == 8) return table(TETRA, 4, 4, 4, 4);
        if (n == 10 || n == 11) return table(TETRA, 6, 6, 6, 6);
        if (n == 14 || n == 15) return table(TETRA, 7, 7, 7, 7);
        break;
      case "WED":
        if (n == 6) return table(WEDGE6, 4, 4, 4, 3, 3);
        if (n == 12) return table(WEDGE12, 6, 6, 6, 6, 6);
        if (n == 15 || n == 16) return table(WEDGE15, 8, 8, 8, 6, 6);
        if (n == 18) return table(WEDGE18, 9, 9, 9, 6, 6);
        if (n == 20) return table(WEDGE20, 9, 9, 9, 7, 7);
        if (n == 21) return table(WEDGE21, 9, 9, 9, 7, 7);
        break;
      case "PYR":
        if (n == 5 || n == 13 || n == 14 || n == 18 || n == 19) return pyramid(n);
        break;
      case "HEX":
        if (n == 8 || n == 9) return table(HEX, 4, 4, 4, 4, 4, 4);
        if (n == 12) return table(HEX, 4, 4, 4, 4, 4, 4);
        if (n == 16) return table(HEX16, 6, 6, 6, 6, 8, 8);
        if (n == 20) return table(HEX, 8, 8, 8, 8, 8, 8);
        if (n == 27) return table(HEX, 9, 9, 9, 9, 9, 9);
        break;
      default:
        break;
    }
    return null;
  }

  private static Sides fixed(int[][] rows) {
    return table(rows, (int[]) null);
  }

  private static Sides table(int[][] rows, int... counts) {
    int[][] out = new int[counts == null ? rows.length : counts.length][];
    for (int s = 0; s < out.length; s++) {
      out[s] = counts == null ? rows[s].clone() : java.util.Arrays.copyOf(rows[s], counts[s]);
    }
    return wrap(out);
  }

  private static Sides wrap(int[][] out) {
    return new Sides() {
      @Override
      public int sideCount() {
        return out.length;
      }

      @Override
      public int[] nodes(int side) {
        return out[side - 1];
      }
    };
  }

  /** Pyramids: corners, then (above 5 nodes) mid-edge nodes, then the face centre where stored. */
  private static Sides pyramid(int n) {
    int[][] rows = new int[5][];
    for (int s = 0; s < 5; s++) {
      int[] r = PYRAMID[s];
      boolean quad = s == 4;
      java.util.List<Integer> l = new java.util.ArrayList<>();
      l.add(r[0]);
      l.add(r[1]);
      l.add(r[2]);
      if (r[3] != 0) l.add(r[3]);
      if (n > 5) {
        l.add(r[4]);
        l.add(r[5]);
        l.add(r[6]);
        if (quad) {
          l.add(r[7]);
          if (n >= 14) l.add(r[8]);
        } else if (n >= 18) {
          l.add(r[8]);
        }
      }
      rows[s] = l.stream().mapToInt(Integer::intValue).toArray();
    }
    return fixed(rows);
  }
}
