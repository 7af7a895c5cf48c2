const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

// Medusa logs every migration and request at info level; keep test output readable.
process.env.LOG_LEVEL = process.env.LOG_LEVEL || "error"

MetadataStorage.clear()
