/**
 * Web: the application shell (layout, navigation, login, home) and security. Each module renders its own pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.lavender.web;
