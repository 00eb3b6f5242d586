package org.exodusj;

import java.util.List;
import java.util.Map;

/**
 * An element, edge or face block.
 *
 * @param type ELEM_BLOCK, EDGE_BLOCK or FACE_BLOCK
 * @param index position in the file's id array, 0-based
 * @param id the user id ({@code eb_prop1} and friends)
 * @param name the name, or "" when none
 * @param storedType the entity type as stored ({@code elem_type}), "NULL" for a block without
 *     entries
 * @param topology the normalized topology
 * @param entryCount elements (edges, faces) in the block
 * @param nodesPerEntry nodes per entry; for NSIDED the total length of the node list
 * @param edgesPerEntry edges per element (element-to-edge connectivity), 0 when absent
 * @param facesPerEntry faces per element; for NFACED the total length of the face list
 * @param attributeCount attributes per entry
 * @param attributeNames one name per attribute ("" where unnamed)
 * @param properties user properties other than the id ({@code eb_prop2} ...), by name
 */
public record Block(
    EntityType type,
    int index,
    long id,
    String name,
    String storedType,
    Topology topology,
    long entryCount,
    long nodesPerEntry,
    long edgesPerEntry,
    long facesPerEntry,
    long attributeCount,
    List<String> attributeNames,
    Map<String, Long> properties) {

  public Block {
    attributeNames = List.copyOf(attributeNames);
    properties = Map.copyOf(properties);
  }

  /** True for a block whose entries have varying node (NSIDED) or face (NFACED) counts. */
  public boolean isPolytope() {
    return topology == Topology.NSIDED || topology == Topology.NFACED;
  }

  /** Values in the block's connectivity array (the flat list for NSIDED and NFACED). */
  public long connectivityLength() {
    return switch (topology) {
      case NSIDED -> nodesPerEntry;
      case NFACED -> facesPerEntry;
      default -> entryCount * nodesPerEntry;
    };
  }
}
