package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;

/** {@link FieldType} against 9.06's ex_field_utils.c: codes, names, cardinalities, suffixes. */
class FieldTypeTest {
  @Test
  void everyTypeIsWhat906Says() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exfieldtypes.c").toAbsolutePath());
    List<String> expected = List.of(ExternalTools.run(exe.toString()).split("\n"));
    List<String> actual = new ArrayList<>();
    for (FieldType t : FieldType.values()) {
      StringBuilder s = new StringBuilder();
      s.append(t.code()).append('\t').append(t.cName()).append('\t').append(t.cardinality());
      for (String x : t.suffixes()) s.append('\t').append(x);
      actual.add(s.toString());
    }
    assertEquals(expected, actual);
  }

  @Test
  void unknownCodesAreInvalid() {
    assertEquals(FieldType.INVALID, FieldType.ofCode(-1));
    assertEquals(FieldType.INVALID, FieldType.ofCode(27));
    assertEquals(FieldType.MATRIX_3X3, FieldType.ofCode(26));
  }
}
