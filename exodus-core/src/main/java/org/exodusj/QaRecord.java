package org.exodusj;

/** One QA record: the code that wrote or changed the file, its version, date and time. */
public record QaRecord(String codeName, String codeVersion, String date, String time) {}
