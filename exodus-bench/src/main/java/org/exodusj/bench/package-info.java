/**
 * Benchmarks. JMH benchmarks run from {@code exodus-bench/target/benchmarks.jar}; {@link
 * org.exodusj.bench.ReadSpeed} is the Java side of {@code exodus-bench/side-by-side.sh}, which
 * times the same reads with the C library in the same run.
 */
package org.exodusj.bench;
