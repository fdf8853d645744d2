package dev.vigil.demo.plain;

/** One row of the routing table: method and exact path, what it does, and who serves it. */
record Route(String method, String path, String description, Endpoint endpoint) {}
