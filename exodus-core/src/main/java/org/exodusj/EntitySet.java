package org.exodusj;

import java.util.List;
import java.util.Map;
import org.exodusj.internal.model.ExodusNames;

/**
 * A node, side, element, edge or face set.
 *
 * @param index position in the file's id array, 0-based
 * @param entryCount nodes, sides (element/side pairs), elements, edges or faces in the set
 * @param distributionFactorCount distribution factors stored for the set (0 when none)
 * @param attributeCount attributes per entry (set attributes), 0 when none
 * @param attributeNames one name per attribute
 * @param properties user properties other than the id, by name
 */
public record EntitySet(
    EntityType type,
    int index,
    long id,
    String name,
    long entryCount,
    long distributionFactorCount,
    long attributeCount,
    List<String> attributeNames,
    Map<String, Long> properties) {

  public EntitySet {
    attributeNames = List.copyOf(attributeNames);
    properties = Map.copyOf(properties);
  }

  /**
   * True when the set has a second list beside its entries: sides for side sets, orientations for
   * edge and face sets.
   */
  public boolean hasExtraList() {
    return type.isSet() && ExodusNames.of(type).extra() != null;
  }
}
