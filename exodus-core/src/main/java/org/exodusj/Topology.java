package org.exodusj;

import java.util.Locale;

/**
 * A normalized element topology. Files spell the same shape in many ways (HEX, HEX8, hex8,
 * HEXAHEDRON; TETRA, TET4; BAR, BEAM, EDGE2, TRUSS ...); {@link #of} maps a stored spelling and the
 * block's nodes per entry to one constant. {@link #UNKNOWN} keeps nothing: the stored spelling is
 * always available from {@link Block#storedType()}.
 */
public enum Topology {
  NULL(0),
  SPHERE(1),
  BAR2(2),
  BAR3(3),
  TRI3(3),
  TRI4(4),
  TRI6(6),
  TRI7(7),
  QUAD4(4),
  QUAD5(5),
  QUAD8(8),
  QUAD9(9),
  SHELL4(4),
  SHELL8(8),
  SHELL9(9),
  TRISHELL3(3),
  TRISHELL4(4),
  TRISHELL6(6),
  TRISHELL7(7),
  TET4(4),
  TET5(5),
  TET8(8),
  TET10(10),
  TET11(11),
  TET14(14),
  TET15(15),
  PYRAMID5(5),
  PYRAMID13(13),
  PYRAMID14(14),
  PYRAMID18(18),
  PYRAMID19(19),
  WEDGE6(6),
  WEDGE12(12),
  WEDGE15(15),
  WEDGE16(16),
  WEDGE18(18),
  WEDGE20(20),
  WEDGE21(21),
  HEX8(8),
  HEX9(9),
  HEX16(16),
  HEX20(20),
  HEX27(27),
  /** Polygons: a flat node list with a node count per element. */
  NSIDED(-1),
  /** Polyhedra: a flat face list with a face count per element. */
  NFACED(-1),
  /** Arbitrary nodes per element (SUPER). */
  SUPER(-1),
  /** A spelling not known here; see {@link Block#storedType()}. */
  UNKNOWN(-1);

  private final int nodes;

  Topology(int nodes) {
    this.nodes = nodes;
  }

  /** Nodes per element, or -1 where it varies. */
  public int nodes() {
    return nodes;
  }

  /**
   * The topology of a stored type name with {@code nodesPerEntry} nodes (used where the name omits
   * the count, as in "HEX" or "tetra").
   */
  public static Topology of(String stored, long nodesPerEntry) {
    String s = stored == null ? "" : stored.trim().toUpperCase(Locale.ROOT);
    int digits = s.length();
    while (digits > 0 && Character.isDigit(s.charAt(digits - 1))) {
      digits--;
    }
    String family = s.substring(0, digits);
    int n = digits < s.length() ? parse(s.substring(digits)) : (int) Math.min(nodesPerEntry, 99);
    String base =
        switch (family) {
          case "NULL", "" -> s.isEmpty() ? "UNKNOWN" : "NULL";
          case "SPHERE", "CIRCLE", "POINT", "NODE" -> "SPHERE";
          case "BAR", "BEAM", "TRUSS", "EDGE", "STRAIGHT", "LINE", "ROD" -> "BAR";
          case "TRI", "TRIANGLE", "TRIA" -> "TRI";
          case "QUAD", "QUADRILATERAL" -> "QUAD";
          case "SHELL" -> "SHELL";
          case "TRISHELL" -> "TRISHELL";
          case "TET", "TETRA", "TETRAHEDRON" -> "TET";
          case "PYRAMID", "PYRA" -> "PYRAMID";
          case "WEDGE", "PRISM" -> "WEDGE";
          case "HEX", "HEXAHEDRON" -> "HEX";
          case "NSIDED", "POLYGON" -> "NSIDED";
          case "NFACED", "POLYHEDRON" -> "NFACED";
          case "SUPER" -> "SUPER";
          default -> "UNKNOWN";
        };
    switch (base) {
      case "NULL":
        return NULL;
      case "SPHERE":
        return SPHERE;
      case "NSIDED":
        return NSIDED;
      case "NFACED":
        return NFACED;
      case "SUPER":
        return SUPER;
      case "UNKNOWN":
        return UNKNOWN;
      default:
        break;
    }
    if (base.equals("QUAD") && n <= 0) {
      n = 4;
    }
    if (n <= 0) {
      n = defaultNodes(base);
    }
    try {
      return valueOf(base + n);
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  private static int defaultNodes(String base) {
    return switch (base) {
      case "BAR" -> 2;
      case "TRI", "TRISHELL" -> 3;
      case "QUAD", "SHELL", "TET" -> 4;
      case "PYRAMID" -> 5;
      case "WEDGE" -> 6;
      case "HEX" -> 8;
      default -> 0;
    };
  }

  private static int parse(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
