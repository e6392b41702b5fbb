// Manage Comm100 Live Chat webhooks (REST API v4) as code.
package comm100
