/**
 * The public API of exodus-java. Files are read through caller-supplied buffers first; allocating
 * convenience methods sit on top. Bad files end in an {@link org.exodusj.ExodusFormatException}
 * that names the file, the structure and the byte offset.
 */
package org.exodusj;
