package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in filters are found by id without loading the registered codecs: the answer must be
 * the one the whole registry gives (a built-in cannot be replaced), under the ids and names of the
 * HDF5 specification's predefined filters (1 deflate, 2 shuffle, 3 fletcher32), listed first.
 */
class FilterRegistryBuiltinsTest {
  @Test
  void builtinsFoundByIdAreTheRegistrysOwnFirstThree() {
    List<Filter> all = new ArrayList<>(FilterRegistry.all());
    int[] ids = {1, 2, 3};
    String[] names = {"deflate", "shuffle", "fletcher32"};
    for (int i = 0; i < ids.length; i++) {
      Filter f = FilterRegistry.find(ids[i]);
      assertEquals(ids[i], f.id());
      assertSame(all.get(i), f, "filter " + ids[i]);
      assertSame(FilterRegistry.find(names[i]), f, names[i]);
    }
    assertEquals(null, FilterRegistry.find(4_999_999), "an id nobody registered");
    assertEquals(32001, FilterRegistry.find("blosc").id(), "a registered codec still loads");
  }
}
