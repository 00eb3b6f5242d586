/**
 * exodus-core: read and write Exodus II files in pure Java. Only {@code org.exodusj} is exported;
 * everything under {@code org.exodusj.internal} may change without notice.
 *
 * <p>jHDF ({@code io.jhdf}) is an automatic module: its own dependencies are not resolved on the
 * module path unless some module requires them. So this module requires them for jHDF, and a
 * consumer's {@code requires org.exodusj;} alone reads NetCDF-4 files too (docs/dependencies.md).
 */
module org.exodusj {
  requires io.jhdf;
  requires org.lz4.java;
  requires com.ning.compress.lzf;
  requires org.apache.commons.compress;
  // What jHDF loads on the first NetCDF-4 open; exodus-core itself does not use them.
  requires org.slf4j;
  requires org.apache.commons.lang3;

  provides org.exodusj.internal.hdf5.filter.Filter with
      org.exodusj.internal.hdf5.filter.SzipFilter,
      org.exodusj.internal.hdf5.filter.Bzip2Filter,
      org.exodusj.internal.hdf5.filter.LzfFilter,
      org.exodusj.internal.hdf5.filter.BloscFilter,
      org.exodusj.internal.hdf5.filter.Lz4Filter,
      org.exodusj.internal.hdf5.filter.BitshuffleFilter;

  exports org.exodusj;

  uses org.exodusj.internal.hdf5.filter.Filter;
}
