/**
 * Spring Boot auto-configuration for Vigil: lowest-precedence defaults for Boot's actuator and
 * metrics properties, plus the process and JVM meters Boot does not bind.
 */
package dev.vigil.spring.autoconfigure;
