package org.exodusj;

import java.util.List;

/**
 * A block to write, part of a {@link Definition}.
 *
 * <p>Formerly nested in {@link ExodusWriter} ({@code BlockSpec}).
 *
 * @param topology the entity type as it will be stored ("HEX8", "NSIDED", "NFACED", ...)
 * @param nodesPerEntry nodes per entry; for NSIDED the total length of the node list; 0 for NFACED
 * @param edgesPerEntry element-to-edge connectivity width (element blocks), 0 for none
 * @param facesPerEntry element-to-face connectivity width; for NFACED the total length of the face
 *     list
 */
public record BlockSpec(
    EntityType type,
    long id,
    String name,
    String topology,
    long entries,
    long nodesPerEntry,
    long edgesPerEntry,
    long facesPerEntry,
    List<String> attributeNames) {
  public BlockSpec {
    attributeNames = List.copyOf(attributeNames);
    if (!type.isBlock()) {
      throw new IllegalArgumentException(type + " is not a block type");
    }
  }

  public static BlockSpec of(
      EntityType type, long id, String topology, long entries, long nodesPerEntry) {
    return new BlockSpec(type, id, "", topology, entries, nodesPerEntry, 0, 0, List.of());
  }

  public BlockSpec named(String n) {
    return new BlockSpec(
        type,
        id,
        n,
        topology,
        entries,
        nodesPerEntry,
        edgesPerEntry,
        facesPerEntry,
        attributeNames);
  }

  public BlockSpec withAttributes(String... names) {
    return new BlockSpec(
        type,
        id,
        name,
        topology,
        entries,
        nodesPerEntry,
        edgesPerEntry,
        facesPerEntry,
        List.of(names));
  }

  public BlockSpec withEdgesPerEntry(long n) {
    return new BlockSpec(
        type, id, name, topology, entries, nodesPerEntry, n, facesPerEntry, attributeNames);
  }

  public BlockSpec withFacesPerEntry(long n) {
    return new BlockSpec(
        type, id, name, topology, entries, nodesPerEntry, edgesPerEntry, n, attributeNames);
  }
}
