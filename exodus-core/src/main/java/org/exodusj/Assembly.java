package org.exodusj;

import java.util.List;

/**
 * An assembly: a named group of entities of one type (blocks, sets or other assemblies).
 *
 * @param memberType the type of the members
 * @param members the member ids
 */
public record Assembly(long id, String name, EntityType memberType, List<Long> members) {
  public Assembly {
    members = List.copyOf(members);
  }
}
