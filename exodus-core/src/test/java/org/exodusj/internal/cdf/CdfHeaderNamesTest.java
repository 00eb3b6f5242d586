package org.exodusj.internal.cdf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.NameIndex;
import org.junit.jupiter.api.Test;

/**
 * The names of a classic header as the parser decodes, hashes and indexes them from its read
 * buffer: ASCII, non-ASCII (two- and three-byte UTF-8) and names that straddle the end of the
 * parser's first read. The oracle is the list of names written into a header assembled byte by byte
 * here ({@link DataOutputStream}, big-endian, from the netCDF format specification): each variable
 * and dimension reads back with its name, the file's index finds each by that string and by prefix
 * and number, and a repeated non-ASCII name is refused.
 */
class CdfHeaderNamesTest {

  /** Variable names: ASCII families, UTF-8 names and padding names that move the rest along. */
  private static List<String> names(int count) {
    List<String> out = new ArrayList<>();
    for (int i = 1; out.size() < count; i++) {
      out.add("connect" + i);
      out.add("vals_elem_var" + i + "eb" + (i % 7 + 1));
      out.add("température_" + i); // é: two bytes in UTF-8
      out.add("напряжение" + i); // Cyrillic: two bytes each
      out.add("応力" + i); // three bytes each
      out.add("x".repeat(1 + i % 37) + i); // lengths that move names across the 8 KiB read
    }
    return out.subList(0, count);
  }

  /**
   * A CDF-1 file: dimension {@code d_<i>} of length {@code i + 1} per variable, and per variable an
   * INT of that one dimension with its data after the header ({@code 4 * (i + 1)} bytes), all in
   * the file.
   */
  private static byte[] file(List<String> varNames, List<String> dimNames) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(header);
    // the header's size does not depend on the offsets (4 bytes each in CDF-1): write it twice
    long dataStart = 0;
    for (int pass = 0; pass < 2; pass++) {
      header.reset();
      h.write(new byte[] {'C', 'D', 'F', 1});
      h.writeInt(0); // numrecs
      h.writeInt(0x0A); // NC_DIMENSION
      h.writeInt(dimNames.size());
      for (int i = 0; i < dimNames.size(); i++) {
        writeName(h, dimNames.get(i));
        h.writeInt(i + 1);
      }
      h.writeInt(0); // no global attributes
      h.writeInt(0);
      h.writeInt(0x0B); // NC_VARIABLE
      h.writeInt(varNames.size());
      long begin = dataStart;
      for (int i = 0; i < varNames.size(); i++) {
        writeName(h, varNames.get(i));
        h.writeInt(1); // rank
        h.writeInt(i % dimNames.size());
        h.writeInt(0); // no attributes
        h.writeInt(0);
        h.writeInt(4); // NC_INT
        int bytes = 4 * (i % dimNames.size() + 1);
        h.writeInt(bytes); // vsize
        h.writeInt((int) begin);
        begin += bytes;
      }
      h.flush();
      dataStart = header.size();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header.toByteArray());
    for (int i = 0; i < varNames.size(); i++) {
      out.write(new byte[4 * (i % dimNames.size() + 1)]);
    }
    return out.toByteArray();
  }

  private static void writeName(DataOutputStream h, String name) throws IOException {
    byte[] b = name.getBytes(UTF_8);
    h.writeInt(b.length);
    h.write(b);
    h.write(new byte[(4 - b.length % 4) % 4]);
  }

  private static CdfFile open(byte[] bytes) throws IOException {
    return CdfFile.open(WindowedByteSource.ofBytes("names.nc", bytes, 4096));
  }

  @Test
  void namesReadBackAndAreFoundByTheirStrings() throws IOException {
    // 600 variables: a header of about 26 KiB, read in three reads (8, 16 and 32 KiB)
    List<String> vars = names(600);
    List<String> dims = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      dims.add(i % 2 == 0 ? "num_el_in_blk" + i : "dimensión_" + i);
    }
    byte[] bytes = file(vars, dims);
    assertTrue(bytes.length > 3 * 8192, "the header spans several reads: " + bytes.length);
    try (CdfFile f = open(bytes)) {
      assertEquals(vars.size(), f.variables().size());
      NameIndex index = f.variableIndex();
      for (int i = 0; i < vars.size(); i++) {
        String name = vars.get(i);
        assertEquals(name, f.variables().get(i).name());
        assertEquals(i, index.find(name), name);
        assertEquals(i, index.find(new String(name.toCharArray())), name); // not by identity
        assertEquals(f.variables().get(i), f.findVariable(name).orElseThrow());
      }
      for (int i = 1; i <= 100; i++) {
        assertEquals(vars.indexOf("connect" + i), index.find("connect", i));
        assertEquals(vars.indexOf("température_" + i), index.find("température_", i));
        assertEquals(vars.indexOf("応力" + i), index.find("応力", i));
        assertEquals(
            vars.indexOf("vals_elem_var" + i + "eb" + (i % 7 + 1)),
            index.find("vals_elem_var", i, "eb", i % 7 + 1));
      }
      assertEquals(-1, index.find("connect", 0));
      assertEquals(-1, index.find("connect", 101));
      assertEquals(-1, index.find("températur"));
      NameIndex dimIndex = f.dimensionIndex();
      for (int i = 0; i < dims.size(); i++) {
        assertEquals(dims.get(i), f.dimensions().get(i).name());
        assertEquals(i, dimIndex.find(dims.get(i)), dims.get(i));
      }
      assertEquals(0, dimIndex.find("num_el_in_blk", 0));
      assertEquals(-1, dimIndex.find("num_el_in_blk", 1));
      // a read of each kind of name's variable: the data after the header
      long[] one = new long[1];
      f.read(f.findVariable("応力7").orElseThrow(), new long[] {0}, new long[] {1}, one, 0);
      assertEquals(0, one[0]);
    }
  }

  @Test
  void aRepeatedNonAsciiNameIsRefused() throws IOException {
    List<String> vars = new ArrayList<>(names(30));
    vars.add("température_1");
    List<String> dims = List.of("d0", "d1");
    ExodusFormatException e =
        assertThrows(ExodusFormatException.class, () -> open(file(vars, dims)).close());
    assertTrue(
        e.getMessage().contains("variable name 'température_1' appears twice"), e.getMessage());
    List<String> dims2 = List.of("dimensión", "d1", "dimensión");
    e = assertThrows(ExodusFormatException.class, () -> open(file(names(3), dims2)).close());
    assertTrue(
        e.getMessage().contains("dimension name 'dimensión' is also dimension 0"), e.getMessage());
  }
}
