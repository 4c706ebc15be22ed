"""Who may do what: roles and their menus, people, row scoping, the security manager."""
