/** JMH benchmarks; the harness grows with the reader, writer and NetCDF-4 backend. */
package org.exodusj.bench;
