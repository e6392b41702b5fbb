import { clearComm100Environment } from "../../pulumiProject/isolatedStack";

// Runs before each test file: tests give every Comm100 setting themselves.
clearComm100Environment();
