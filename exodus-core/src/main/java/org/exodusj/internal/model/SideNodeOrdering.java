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
  private static final int[][] PYRAMID_CORNERS = {
    {1, 2, 5}, {2, 3, 5}, {3, 4, 5}, {1, 5, 4}, {1, 4, 3, 2}
  };
  private static final int[][] PYRAMID_QUADRATIC = {
    {1, 2, 5, 6, 11, 10},
    {2, 3, 5, 7, 12, 11},
    {3, 4, 5, 8, 13, 12},
    {1, 5, 4, 10, 13, 9},
    {1, 4, 3, 2, 9, 8, 7, 6}
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
        return anySide(new int[] {1});
      case "TRU", "BAR", "EDG", "BEA":
        // libexodusII 6.02 lists every node of a bar, truss or beam for any side number
        if (n >= 1 && n <= 3)
          return anySide(java.util.stream.IntStream.rangeClosed(1, n).toArray());
        break;
      case "QUA":
        if (n == 4 || n == 5) return table(QUAD, 2, 2, 2, 2);
        if (n == 8 || n == 9) return table(QUAD, 3, 3, 3, 3);
        break;
      case "TRI":
        if (dimensions == 2) {
          if (n == 3) return table(TRI, 2, 2, 2);
          // libexodusII 6.02 lists 3 nodes for TRI4 sides: side 1 ends with the centre node 4,
          // sides 2 and 3 name nodes 5 and 6, which a TRI4 does not have (see nodes())
          if (n == 4) return table(TRI, 3, 3, 3);
          if (n == 6 || n == 7) return table(TRI, 3, 3, 3);
        } else {
          if (n == 3) return table(TRI_SHELL, 3, 3, 2, 2, 2);
          if (n == 4) {
            return fixed(new int[][] {{1, 2, 3, 4}, {3, 2, 1, 4}, {1, 2}, {2, 3}, {3, 1}});
          }
          if (n == 6 || n == 7) return table(TRI_SHELL, 6, 6, 3, 3, 3);
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
        if (n == 14 || n == 15) return table(TETRA, 6, 6, 6, 6);
        break;
      case "WED":
        if (n == 6) return table(WEDGE6, 4, 4, 4, 3, 3);
        if (n == 12) return table(WEDGE12, 6, 6, 6, 6, 6);
        // libexodusII 6.02 lists the 8 edge nodes of the quad faces and the 6 of the triangles
        // of every quadratic wedge; face and volume centres are left out
        if (n == 15 || n == 16 || n == 18 || n == 20 || n == 21) {
          return table(WEDGE15, 8, 8, 8, 6, 6);
        }
        break;
      case "PYR":
        if (n == 5) return table(PYRAMID_CORNERS, 3, 3, 3, 3, 4);
        // libexodusII 6.02: corners and mid-edge nodes only (6 per triangle, 8 on the base)
        if (n == 13 || n == 14 || n == 18 || n == 19)
          return table(PYRAMID_QUADRATIC, 6, 6, 6, 6, 8);
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

  /** Every side number names the same nodes (the C library does not check it). */
  private static Sides anySide(int[] nodes) {
    return new Sides() {
      @Override
      public int sideCount() {
        return Integer.MAX_VALUE;
      }

      @Override
      public int[] nodes(int side) {
        return nodes;
      }
    };
  }
}
