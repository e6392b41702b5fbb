import { clearComm100Environment } from "../../pulumiProject/comm100Environment";

// Runs before each test file: tests give every Comm100 setting themselves.
clearComm100Environment();
