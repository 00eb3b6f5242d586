package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.Superblock;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.LinkMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.exodusj.internal.storage.DataType;
import org.junit.jupiter.api.Test;

/**
 * The writer's HDF5 message encoders, each parsed back by jHDF's own parser (an independent reading
 * of the HDF5 format specification): superblock, datatype, dataspace, chunked layout and link. The
 * filter pipeline message is tested the same way in {@code FilterPipelineTest}.
 */
class Nc4MetadataMessagesTest {
  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static Superblock superblock() {
    return Superblock.readSuperblock(le(Nc4Metadata.superblock(4096, 123456)));
  }

  @Test
  void theSuperblock() {
    Superblock sb = superblock();
    assertEquals(2, sb.getVersionOfSuperblock());
    assertEquals(8, sb.getSizeOfOffsets());
    assertEquals(8, sb.getSizeOfLengths());
    assertEquals(0, sb.getBaseAddressByte());
    assertEquals(123456, sb.getEndOfFileAddress());
  }

  @Test
  void datatypes() {
    io.jhdf.object.datatype.DataType d =
        io.jhdf.object.datatype.DataType.readDataType(le(Nc4Metadata.type(DataType.DOUBLE)));
    assertTrue(d instanceof FloatingPoint, d.toString());
    assertEquals(8, d.getSize());
    assertEquals(ByteOrder.LITTLE_ENDIAN, ((FloatingPoint) d).getByteOrder());
    io.jhdf.object.datatype.DataType i =
        io.jhdf.object.datatype.DataType.readDataType(le(Nc4Metadata.type(DataType.INT)));
    assertTrue(i instanceof FixedPoint fp && fp.isSigned(), i.toString());
    assertEquals(4, i.getSize());
    io.jhdf.object.datatype.DataType u =
        io.jhdf.object.datatype.DataType.readDataType(le(Nc4Metadata.type(DataType.USHORT)));
    assertTrue(u instanceof FixedPoint fp && !fp.isSigned(), u.toString());
    io.jhdf.object.datatype.DataType s =
        io.jhdf.object.datatype.DataType.readDataType(le(Nc4Metadata.stringType(33)));
    assertTrue(s instanceof StringData, s.toString());
    assertEquals(33, s.getSize());
  }

  @Test
  void dataspaces() {
    DataSpace d =
        DataSpace.readDataSpace(le(Nc4Metadata.dataspace(new long[] {7, 3}, true)), superblock());
    assertArrayEquals(new long[] {7, 3}, d.getDimensionsAsLong());
    assertEquals(-1L, d.getMaxSizes()[0]); // unlimited
    assertEquals(3, d.getMaxSizes()[1]);
    DataSpace fixed =
        DataSpace.readDataSpace(le(Nc4Metadata.dataspace(new long[] {5}, false)), superblock());
    assertArrayEquals(new long[] {5}, fixed.getDimensionsAsLong());
    DataSpace scalar = DataSpace.readDataSpace(le(Nc4Metadata.scalarSpace()), superblock());
    assertEquals(0, scalar.getDimensions().length);
  }

  @Test
  void chunkedLayout() {
    DataLayoutMessage m =
        DataLayoutMessage.createDataLayoutMessage(
            le(Nc4Metadata.chunkedLayout(9000, new long[] {1, 274625}, 8)),
            superblock(),
            new BitSet());
    assertTrue(m instanceof DataLayoutMessage.ChunkedDataLayoutMessage, m.toString());
    DataLayoutMessage.ChunkedDataLayoutMessage c = (DataLayoutMessage.ChunkedDataLayoutMessage) m;
    assertEquals(9000, c.getBTreeAddress());
    assertArrayEquals(new int[] {1, 274625}, c.getChunkDimensions());
    assertEquals(8, c.getSize());
  }

  @Test
  void link() {
    LinkMessage l =
        LinkMessage.fromBuffer(le(Nc4Metadata.link("vals_nod_var1", 17, 5555)), superblock());
    assertEquals("vals_nod_var1", l.getLinkName());
    assertEquals(5555, l.getHardLinkAddress());
    assertEquals(17, l.getCreationOrder());
  }
}
