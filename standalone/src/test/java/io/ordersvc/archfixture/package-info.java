/**
 * Deliberate violations of the architecture rules, one per rule, for ArchitectureRulesTest to show that each rule
 * fails on them. Outside every package the application scans; nothing here runs.
 */
package io.ordersvc.archfixture;
