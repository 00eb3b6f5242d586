package org.exodusj;

/**
 * The nodes of a side set's sides, as {@code ex_get_side_set_node_list} (exodus.py {@code
 * get_side_set_node_list}) gives them: for side {@code i} of the set (in the set's order), {@code
 * counts()[i]} nodes, listed one side after the other in {@code nodes()} in the order of the C
 * library's side tables. The arrays are new for each call and belong to the caller.
 *
 * @param sideSetId the side set's id
 * @param counts the node count of each side, in the set's order
 * @param nodes the 1-based node indices of all sides, side after side
 */
public record SideSetNodes(long sideSetId, long[] counts, long[] nodes) {
  /** Equal when the id, the counts and the nodes are equal (by content, not identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SideSetNodes s
        && s.sideSetId == sideSetId
        && java.util.Arrays.equals(s.counts, counts)
        && java.util.Arrays.equals(s.nodes, nodes);
  }

  /** A hash of the id, the counts and the nodes. */
  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        sideSetId, java.util.Arrays.hashCode(counts), java.util.Arrays.hashCode(nodes));
  }

  /** The id and the sizes (not every node). */
  @Override
  public String toString() {
    return "SideSetNodes[sideSetId="
        + sideSetId
        + ", sides="
        + counts.length
        + ", nodes="
        + nodes.length
        + "]";
  }

  /** The position in {@link #nodes()} where the nodes of side {@code side} (0-based) begin. */
  public long offset(int side) {
    long o = 0;
    for (int i = 0; i < side; i++) o += counts[i];
    return o;
  }
}
