/** The {@code exo} command-line tool. It arrives with the reader (issue 3). */
package org.exodusj.cli;
